# Voorop: one image for the web server and the task worker.
#   docker build -t voorop .
#   docker run voorop serve --web 0.0.0.0:8000     (the default command)
#   docker run voorop serve --tasks                (the task worker)
#   docker run voorop migrate                      (once per install and upgrade)
# See docs/deployment.md.

FROM python:3.12-slim-bookworm AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /src
COPY pyproject.toml README.md LICENSE ./
COPY src ./src
RUN python -m venv /opt/voorop \
    && /opt/voorop/bin/pip install --no-cache-dir .

FROM python:3.12-slim-bookworm
LABEL org.opencontainers.image.title="Voorop" \
      org.opencontainers.image.description="Participation platform for Dutch municipalities" \
      org.opencontainers.image.licenses="EUPL-1.2"
# Pango and HarfBuzz for WeasyPrint (letters with voting codes as PDF); a font for them.
# hadolint ignore=DL3008
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --user-group --home-dir /data --create-home voorop
COPY --from=build /opt/voorop /opt/voorop
ENV PATH=/opt/voorop/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    DJANGO_SETTINGS_MODULE=voorop.settings.production \
    VOOROP_DATA_DIR=/data \
    STATIC_ROOT=/opt/voorop/static
# Static files with content hashes in their names, built into the image (outside the /data
# volume); the throw-away key and mail address only let the production settings load here.
RUN SECRET_KEY=build-only-not-a-secret-8f3a1c9e7b2d4f6a0c5e9b1d3f7a2c4e6b8d0f1a3c5e7 \
    EMAIL_URL=smtp://build.invalid \
    voorop collectstatic --noinput --verbosity 0
# Numeric, so a platform can check it is not root (Kubernetes runAsNonRoot).
USER 10001:10001
WORKDIR /data
VOLUME ["/data"]
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD ["python", "-c", "import sys, urllib.request; sys.exit(urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=4).status != 200)"]
ENTRYPOINT ["voorop"]
CMD ["serve", "--web", "0.0.0.0:8000"]
