"""Pol.is's k-means, cold and warm, and its silhouette.

A first computation starts from the first ``k`` distinct points in row order (Pol.is's
``init-clusters``). An update starts from the previous clusters (``clean-start-clusters``):
each keeps its id and is re-centred on its members' new positions, clusters that lost all
members go, clusters with the same centre merge, and while there are fewer clusters than
``k`` (and than distinct points) the point farthest from every centre becomes a cluster of
its own. Then Lloyd steps with (weighted) means, until no centre moves 0.01 or more (centres
compared in sorted order, as Pol.is does) or the iterations run out.

Not reproduced: the order in which Pol.is breaks exact ties between equally distant centres
(it depends on Clojure's hash-map order); we take the lowest index.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from .model import Cluster, FloatArray

SAME_CLUSTERING = 0.01


def _weighted_centers(
    points: FloatArray, weights: FloatArray, labels: np.ndarray, k: int
) -> tuple[FloatArray, FloatArray]:
    mass = np.bincount(labels, weights=weights, minlength=k)
    centers = np.empty((k, points.shape[1]))
    for d in range(points.shape[1]):
        sums = np.bincount(labels, weights=weights * points[:, d], minlength=k)
        centers[:, d] = np.divide(sums, mass, out=np.zeros(k), where=mass > 0)
    return centers, mass


def _nearest(points: FloatArray, centers: FloatArray) -> np.ndarray:
    """Index of the nearest centre of every point (squared distances, one axis at a time:
    no points x centres x dimensions temporary)."""
    distances = np.zeros((len(points), len(centers)))
    for d in range(points.shape[1]):
        diff = np.subtract.outer(points[:, d], centers[:, d])
        distances += diff * diff
    return np.asarray(distances.argmin(axis=1))


def _same(a: FloatArray, b: FloatArray) -> bool:
    """Pol.is's same-clustering?: sorted centres pairwise closer than 0.01 (zip to the shorter)."""
    sa = a[np.lexsort(a.T[::-1])]
    sb = b[np.lexsort(b.T[::-1])]
    m = min(len(sa), len(sb))
    return bool(np.all(np.linalg.norm(sa[:m] - sb[:m], axis=1) < SAME_CLUSTERING))


def _first_distinct(points: FloatArray, k: int) -> list[int]:
    if len(points) == 0:
        return []
    _, first = np.unique(points, axis=0, return_index=True)
    return sorted(int(i) for i in first)[:k]


def _clean_start(
    names: Sequence[str],
    points: FloatArray,
    weights: FloatArray,
    previous: Sequence[Cluster],
    k: int,
) -> tuple[list[int], list[list[int]], FloatArray]:
    """Pol.is's clean-start-clusters: ``(ids, member row indices, centres)``."""
    row = {name: i for i, name in enumerate(names)}
    ids: list[int] = []
    members: list[list[int]] = []
    for cluster in previous:
        present = [row[m] for m in cluster.members if m in row]
        if present:
            ids.append(cluster.id)
            members.append(present)
    if not ids:
        ids = [max((c.id for c in previous), default=-1) + 1]
        members = [list(range(len(names)))]

    def center(rows: list[int]) -> FloatArray:
        w = weights[rows]
        return np.asarray((points[rows] * w[:, None]).sum(axis=0) / w.sum(), dtype=np.float64)

    centers = [center(m) for m in members]
    # Merge clusters whose centres coincide (the bigger one's id; on a tie the later one's).
    merged_ids: list[int] = []
    merged_members: list[list[int]] = []
    merged_centers: list[FloatArray] = []
    for cid, rows, c in zip(ids, members, centers, strict=True):
        for j, other in enumerate(merged_centers):
            if np.array_equal(other, c):
                if len(rows) >= len(merged_members[j]):
                    merged_ids[j] = cid
                merged_members[j] = merged_members[j] + rows
                merged_centers[j] = center(merged_members[j])
                break
        else:
            merged_ids.append(cid)
            merged_members.append(rows)
            merged_centers.append(c)
    ids, members = merged_ids, merged_members
    possible = min(k, len(np.unique(points, axis=0)) if len(points) else 0)
    while True:
        keep = [j for j, rows in enumerate(members) if rows]
        ids = [ids[j] for j in keep]
        members = [members[j] for j in keep]
        centers_array = np.array([center(rows) for rows in members])
        if possible <= len(ids):
            return ids, members, centers_array
        distances = np.sqrt(((points[:, None, :] - centers_array[None]) ** 2).sum(axis=2))
        nearest = distances.min(axis=1)
        # Clojure's max-key keeps the last of equal maxima.
        far = len(nearest) - 1 - int(np.argmax(nearest[::-1]))
        if nearest[far] <= 0:
            return ids, members, centers_array
        members = [[r for r in rows if r != far] for rows in members]
        ids.append(max(ids) + 1)
        members.append([far])


def kmeans(
    names: Sequence[str],
    points: FloatArray,
    k: int,
    *,
    iterations: int,
    previous: Sequence[Cluster] | None = None,
    weights: FloatArray | None = None,
) -> list[Cluster]:
    """Clusters of ``points`` (rows named by ``names``), sorted by id; empty clusters dropped."""
    if len(names) == 0:
        return []
    w = np.ones(len(names)) if weights is None else np.asarray(weights, dtype=np.float64)
    if previous:
        ids, _, centers = _clean_start(names, points, w, previous, k)
    else:
        first = _first_distinct(points, k)
        ids = list(range(len(first)))
        centers = points[first].astype(np.float64)
    remaining = iterations
    while True:
        labels = _nearest(points, centers)
        new_centers, mass = _weighted_centers(points, w, labels, len(ids))
        alive = np.flatnonzero(mass > 0)
        new_centers = new_centers[alive]
        done = remaining == 0 or _same(centers, new_centers)
        relabel = np.full(len(ids), -1)
        relabel[alive] = np.arange(len(alive))
        labels = relabel[labels]
        ids = [ids[j] for j in alive]
        centers = new_centers
        if done:
            break
        remaining -= 1
    clusters = [
        Cluster(
            cid,
            tuple(names[int(i)] for i in np.flatnonzero(labels == j)),
            (float(centers[j, 0]), float(centers[j, 1])),
        )
        for j, cid in enumerate(ids)
    ]
    return sorted(clusters, key=lambda c: c.id)


def distance_matrix(points: FloatArray) -> FloatArray:
    diff = points[:, None, :] - points[None, :, :]
    return np.asarray(np.sqrt((diff**2).sum(axis=2)), dtype=np.float64)


def silhouette(distances: FloatArray, labels: np.ndarray) -> float:
    """Mean silhouette over the points (unweighted, as Pol.is over base clusters).

    A point alone in its cluster counts 0; with a single cluster the silhouette is 0.
    """
    n = len(labels)
    if n == 0:
        return 0.0
    groups = np.unique(labels)
    if len(groups) < 2:
        return 0.0
    onehot = (labels[:, None] == groups[None, :]).astype(np.float64)
    sizes = onehot.sum(axis=0)
    sums = distances @ onehot
    own = np.searchsorted(groups, labels)
    own_size = sizes[own]
    a = np.divide(sums[np.arange(n), own], own_size - 1, out=np.zeros(n), where=own_size > 1)
    means = sums / sizes[None, :]
    means[np.arange(n), own] = np.inf
    b = means.min(axis=1)
    top = np.maximum(a, b)
    s = np.divide(b - a, top, out=np.zeros(n), where=top > 0)
    s[own_size <= 1] = 0.0
    return float(s.mean())
