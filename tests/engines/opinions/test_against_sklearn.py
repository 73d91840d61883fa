"""The numerical steps against scikit-learn: PCA, k-means from the same start, silhouette.

scikit-learn is a dev dependency only (the benchmark's baseline); importing it makes this an
oracle module (tests/engines/conftest.py).
"""

from __future__ import annotations

import numpy as np
import pytest
import sklearn
from sklearn.cluster import KMeans
from sklearn.decomposition import PCA
from sklearn.metrics import silhouette_score

from voorop.engines.opinions import compute_map, read_polis_export
from voorop.engines.opinions.clusters import distance_matrix, kmeans, silhouette
from voorop.engines.opinions.pca import fill_and_center, principal_components

from .conftest import CONVERSATIONS, polis_folder

assert sklearn.__version__


@pytest.mark.parametrize("name", CONVERSATIONS)
def test_components_are_sklearns(name):
    folder = polis_folder(name)
    export = read_polis_export(folder / "participants-votes.csv", folder / "comments.csv")
    values = export.matrix.values[:, ~np.isnan(export.matrix.values).all(axis=0)]
    centered, center = fill_and_center(values, "column-mean")
    ours = principal_components(centered)
    theirs = PCA(n_components=2, svd_solver="full").fit(centered + center).components_
    for j in range(2):
        assert abs(ours[j] @ theirs[j]) == pytest.approx(1.0, abs=1e-8)


@pytest.mark.parametrize("seed", range(5))
def test_kmeans_from_the_same_start_is_sklearns_lloyd(seed):
    rng = np.random.default_rng(seed)
    points = np.concatenate([rng.normal(c, 0.4, (60, 2)) for c in ((0, 0), (3, 1), (0, 4))])
    weights = rng.integers(1, 5, len(points)).astype(float)
    names = [str(i) for i in range(len(points))]
    ours = kmeans(names, points, 3, iterations=300, weights=weights)
    start = points[:3]  # the first three distinct points: where Pol.is starts
    theirs = KMeans(3, init=start, n_init=1, max_iter=300, tol=0, algorithm="lloyd").fit(
        points, sample_weight=weights
    )
    label = {m: c.id for c in ours for m in c.members}
    ours_labels = np.array([label[n] for n in names])
    assert (ours_labels == theirs.labels_).all()
    centers = np.array([c.center for c in ours])
    np.testing.assert_allclose(centers, theirs.cluster_centers_[[c.id for c in ours]], atol=1e-2)


def test_silhouette_is_sklearns():
    folder = polis_folder("vtaiwan.uberx")
    export = read_polis_export(folder / "participants-votes.csv", folder / "comments.csv")
    opinion_map = compute_map(export.matrix, export.statements)
    base = opinion_map.state.base_clusters
    points = np.array([b.center for b in base])
    distances = distance_matrix(points)
    for groups in opinion_map.state.group_clusterings.values():
        label = {m: g.id for g in groups for m in g.members}
        labels = np.array([label[str(b.id)] for b in base])
        assert silhouette(distances, labels) == pytest.approx(
            silhouette_score(distances, labels, metric="precomputed"), abs=1e-12
        )
