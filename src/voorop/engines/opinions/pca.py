"""Pol.is's PCA: two principal components of the vote matrix, and its sparsity-aware projection.

Pol.is fills a missing vote with the statement's mean vote (since October 2017; zero before),
centres the columns and finds the first two components by power iteration (100 iterations,
each component deflated from the data before the next), warm-started from the previous
update's components. We compute the same two components by block power iteration on the Gram
matrix, iterated to convergence and finished with a Rayleigh-Ritz step: where Pol.is's 100
iterations converge (every conversation we have) the components are the same, and the block
converges in far fewer passes. A participant is projected over the statements they voted on
only, scaled by sqrt(statements / votes) so that someone with few votes is not pulled to the
centre; a moderated statement counts as a vote of 0 for everyone, as in Pol.is.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .model import FloatArray

# Extra vectors in the block: the second component converges at the rate of
# (eigenvalue 2 + EXTRA / eigenvalue 2) instead of (eigenvalue 3 / eigenvalue 2).
EXTRA = 6
MAX_ITERATIONS = 300
TOLERANCE = 1e-10
# A fixed start for the extra vectors (and the components on a first computation): the
# map must come out the same every time.
START_SEED = 20140605


@dataclass(frozen=True, slots=True)
class Pca:
    center: FloatArray
    """Mean vote per statement (missing votes filled as configured)."""
    components: FloatArray
    """Shape (2, statements), rows of unit length (or zero when there is no variance)."""
    centered: FloatArray
    """The filled, centred matrix (participants x statements)."""


def fill_and_center(rating: FloatArray, fill: str) -> tuple[FloatArray, FloatArray]:
    """``(centred matrix, centre)``; with the column-mean fill a missing vote becomes 0."""
    seen = ~np.isnan(rating)
    counts = seen.sum(axis=0)
    sums = np.where(seen, rating, 0.0).sum(axis=0)
    if fill == "column-mean":
        center = np.divide(sums, counts, out=np.zeros_like(sums), where=counts > 0)
        centered = np.where(seen, rating - center, 0.0)
    else:
        filled = np.where(seen, rating, 0.0)
        center = filled.mean(axis=0) if len(filled) else np.zeros(rating.shape[1])
        centered = filled - center
    return centered, center


def _top_two(gram: FloatArray, start: FloatArray | None) -> FloatArray:
    """The two leading eigenvectors (as rows) of a symmetric positive semi-definite matrix."""
    dim = gram.shape[0]
    block = min(dim, 2 + EXTRA)
    rng = np.random.default_rng(START_SEED)
    vectors = rng.standard_normal((dim, block))
    if start is not None:
        usable = [v for v in start if np.linalg.norm(v) > 0]
        for j, v in enumerate(usable[:block]):
            vectors[:, j] = v
    vectors, _ = np.linalg.qr(vectors)
    previous = np.zeros(2)
    for iteration in range(MAX_ITERATIONS):
        vectors, _ = np.linalg.qr(gram @ vectors)
        if iteration % 5 == 4 or iteration == MAX_ITERATIONS - 1:
            small = vectors.T @ gram @ vectors
            values = np.linalg.eigvalsh(small)[::-1][:2]
            scale = max(abs(values[0]), 1e-300)
            if np.all(np.abs(values - previous[: len(values)]) <= TOLERANCE * scale):
                break
            previous = np.pad(values, (0, 2 - len(values)))
    small = vectors.T @ gram @ vectors
    values, ritz = np.linalg.eigh(small)
    order = np.argsort(values)[::-1][:2]
    components = (vectors @ ritz[:, order]).T
    out = np.zeros((2, dim))
    for j in range(components.shape[0]):
        if values[order[j]] > 1e-12 * max(values.max(), 1e-300):
            out[j] = components[j] / np.linalg.norm(components[j])
    return out


def principal_components(centered: FloatArray, start: FloatArray | None = None) -> FloatArray:
    """Two components of the centred matrix, signs following ``start`` (previous components)."""
    n, c = centered.shape
    if n == 0 or c == 0:
        return np.zeros((2, c))
    if c <= n:
        components = _top_two(centered.T @ centered, start)
    else:
        # Fewer participants than statements: eigenvectors of the smaller Gram matrix, mapped
        # back to statement space.
        rows = _top_two(centered @ centered.T, None)
        components = rows @ centered
        norms = np.linalg.norm(components, axis=1, keepdims=True)
        components = np.divide(components, norms, out=np.zeros_like(components), where=norms > 0)
    for j in range(2):
        if start is not None and start[j] @ components[j] < 0:
            components[j] = -components[j]
        elif start is None or not start[j].any():
            # No previous sign to follow: the largest loading positive.
            k = int(np.argmax(np.abs(components[j])))
            if components[j, k] < 0:
                components[j] = -components[j]
    return components


def pca(rating: FloatArray, fill: str, start: FloatArray | None = None) -> Pca:
    centered, center = fill_and_center(rating, fill)
    return Pca(center, principal_components(centered, start), centered)


def project(rating: FloatArray, result: Pca) -> FloatArray:
    """Pol.is's sparsity-aware projection of every participant (rows of ``rating``)."""
    seen = ~np.isnan(rating)
    n_statements = rating.shape[1]
    offsets = np.where(seen, rating - result.center, 0.0)
    points = offsets @ result.components.T
    scale = np.sqrt(n_statements / np.maximum(seen.sum(axis=1), 1))
    return np.asarray(points * scale[:, None], dtype=np.float64)


def project_statements(result: Pca) -> FloatArray:
    """Where a participant who agreed with only that statement would stand (Pol.is's
    comment projection; its sign convention for agree is the opposite of the export's)."""
    n_statements = result.center.shape[0]
    loadings = (1.0 - result.center)[:, None] * result.components.T
    return np.asarray(loadings * np.sqrt(n_statements), dtype=np.float64)
