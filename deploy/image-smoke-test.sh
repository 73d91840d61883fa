#!/usr/bin/env bash
# Build the image from the Dockerfile and try it as an operator would: it runs as a non-root
# user, migrates a PostgreSQL database, passes Django's deployment check, serves, and its own
# HEALTHCHECK command answers. `make image-test` runs it.
#
#   IMAGE_DATABASE_URL=postgres://postgres@127.0.0.1:5432/voorop_image deploy/image-smoke-test.sh
#
# The database is dropped and made anew: its name must end in "_image", so that a
# DATABASE_URL of real work in the shell can never be the one dropped.
#
# Uses docker when its daemon answers, else podman (daemonless; built with chroot isolation so
# it also works inside an unprivileged build sandbox). Where the container runtime itself may
# not start containers (a sandbox without cgroup or rlimit rights), the same checks run on the
# image's own file system: the container is created and mounted, and its entrypoint started as
# the image's user with chroot. The host network is used, for the database on 127.0.0.1.
set -euo pipefail
cd "$(dirname "$0")/.."

IMAGE=${IMAGE:-voorop:smoke-test}
DATABASE_URL=${IMAGE_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/voorop_image}
if [[ ${DATABASE_URL##*/} != *_image ]]; then
  echo "IMAGE_DATABASE_URL must name a database ending in _image (it is dropped): $DATABASE_URL" >&2
  exit 2
fi
PORT=${PORT:-8765}
SECRET_KEY=$(python3 -c 'import secrets; print(secrets.token_urlsafe(50))')
ENVIRONMENT=(
  "SECRET_KEY=$SECRET_KEY" "EMAIL_URL=smtp://mail.invalid:587"
  "ALLOWED_HOSTS=participatie.example.nl" "DATABASE_URL=$DATABASE_URL"
)

if command -v docker >/dev/null && docker info >/dev/null 2>&1; then
  engine=docker
  docker build -t "$IMAGE" .
elif command -v podman >/dev/null; then
  engine=podman
  podman build --format docker --isolation=chroot -t "$IMAGE" .
else
  echo "No container tool (docker or podman) here: the image cannot be built." >&2
  exit 3
fi

user=$($engine image inspect "$IMAGE" --format '{{.Config.User}}')
health=$($engine image inspect "$IMAGE" --format '{{json .Config.Healthcheck.Test}}')
echo "== image user: $user; health check: $health"
case "${user%%:*}" in "" | root | 0) echo "FAIL: the image runs as root" >&2; exit 1 ;; esac
[[ $health == *healthz* ]] || { echo "FAIL: no HEALTHCHECK on /healthz" >&2; exit 1; }

dbname=${DATABASE_URL##*/}
psql "${DATABASE_URL%/*}/postgres" -qc "DROP DATABASE IF EXISTS \"$dbname\"" -c "CREATE DATABASE \"$dbname\""

# The image's HEALTHCHECK command, exactly as the image declares it, against our port.
# (["CMD", "python", "-c", CODE]: the code, run with python -c in the container.)
health_command=$(python3 -c 'import json, sys; print(json.loads(sys.argv[1])[-1])' "$health")
health_command=${health_command//8000/$PORT}

# shellcheck disable=SC2016  # $server, $HEALTH and $(seq) expand inside the container
smoke='voorop migrate --verbosity 0 && voorop check --deploy --fail-level WARNING \
  && { voorop serve --web 127.0.0.1:'"$PORT"' & server=$!; \
       for _ in $(seq 1 60); do sleep 1; python -c "$HEALTH" 2>/dev/null && break; done; \
       python -c "$HEALTH" && echo "== HEALTHCHECK passed"; status=$?; kill $server; exit $status; }'

env_args=()
for pair in "${ENVIRONMENT[@]}"; do env_args+=(-e "$pair"); done
if $engine run --rm --network host "${env_args[@]}" -e "HEALTH=$health_command" \
    --entrypoint sh "$IMAGE" -c "$smoke"; then
  echo "== smoke test passed ($engine run)"
  exit 0
fi
[[ $engine == podman ]] || exit 1

echo "== podman could not run the container here; the same checks on its file system (chroot)"
container=$(podman create "$IMAGE")
root=$(podman mount "$container")
cleanup() { umount "$root/dev/shm" "$root/proc" 2>/dev/null || true; podman rm -f "$container" >/dev/null; }
trap cleanup EXIT
mount -t tmpfs -o mode=1777 tmpfs "$root/dev/shm"
mount -t proc proc "$root/proc"
image_env=$(podman image inspect "$IMAGE" --format '{{range .Config.Env}}{{.}}{{"\n"}}{{end}}')
mapfile -t image_env <<<"$image_env"
chroot --userspec="$user" "$root" /usr/bin/env -i "${image_env[@]}" HOME=/data \
  "${ENVIRONMENT[@]}" "HEALTH=$health_command" sh -c "cd /data && $smoke"
echo "== smoke test passed (chroot on the image's file system)"
