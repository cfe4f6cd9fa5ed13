"""Gambar untuk kursus: kisi gambar, baris perbandingan, dan kurva loss.

Semua fungsi mengembalikan ``matplotlib.figure.Figure``, memberi label berbahasa Indonesia,
dan dapat menyimpan gambar ke berkas dengan argumen ``path``.
"""
from pathlib import Path

import numpy as np


def _as_images(images, name="images", tol=0.0):
    """Mengubah (N,28,28), (N,28,28,1) atau (N,784) menjadi (N,28,28) float dalam [0, 1].

    Nilai dalam [0, 1] dipakai apa adanya; nilai dalam [-1, 1] (keluaran ``tanh``) digeser
    dengan (x + 1) / 2; uint8 0-255 dibagi 255. Rentang lain menghasilkan galat. ``tol`` > 0
    menerima galat pembulatan sebesar itu di tepi rentang (nilainya lalu dipotong ke rentang).
    """
    x = np.asarray(images)
    if x.ndim == 2 and x.shape[1] == 784:
        x = x.reshape(-1, 28, 28)
    elif x.ndim == 4 and x.shape[1:] == (28, 28, 1):
        x = x[..., 0]
    if x.ndim != 3 or x.shape[1:] != (28, 28):
        raise ValueError(f"{name} harus berbentuk (N, 28, 28), (N, 28, 28, 1) atau (N, 784); "
                         f"diterima {np.shape(images)}.")
    if len(x) == 0:
        raise ValueError(f"{name} kosong: tidak ada gambar untuk ditampilkan.")
    if x.dtype == np.uint8:
        return x.astype(np.float32) / 255.0
    if not np.issubdtype(x.dtype, np.floating) and not np.issubdtype(x.dtype, np.integer):
        raise ValueError(f"{name} harus larik angka, bukan larik bertipe {x.dtype}.")
    x = x.astype(np.float32)
    if not np.all(np.isfinite(x)):
        raise ValueError(f"{name} mengandung NaN atau tak hingga; periksa model Anda.")
    lo, hi = float(x.min()), float(x.max())
    if lo >= -tol and hi <= 1.0 + tol:
        return np.clip(x, 0.0, 1.0)
    if lo >= -1.0 - tol and hi <= 1.0 + tol:
        return (np.clip(x, -1.0, 1.0) + 1.0) / 2.0
    raise ValueError(f"Nilai piksel {name} harus dalam [0, 1] atau [-1, 1] (atau uint8 0-255); "
                     f"diterima rentang [{lo:.3g}, {hi:.3g}].")


def _finish(fig, path):
    fig.tight_layout()
    if path is not None:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        fig.savefig(path, dpi=100, bbox_inches="tight")
    return fig


def image_sheet(images, ncols, gap=2, fill=0.0):
    """Satu larik 2-D berisi semua gambar dalam kisi ``ncols`` kolom (baris demi baris), dengan
    celah ``gap`` piksel bernilai ``fill`` (0 = putih pada cmap "binary"). Notebook 07-10.

    Satu ``imshow`` untuk seluruh kisi jauh lebih cepat daripada satu subplot per gambar.
    """
    x = _as_images(images)
    if isinstance(ncols, bool) or not isinstance(ncols, int) or ncols < 1:
        raise ValueError(f"ncols harus bilangan bulat positif, bukan {ncols!r}.")
    nrows = int(np.ceil(len(x) / ncols))
    size = x.shape[1]
    sheet = np.full((nrows * (size + gap) - gap, ncols * (size + gap) - gap), fill, dtype=np.float32)
    for i, image in enumerate(x):
        top, left = (size + gap) * (i // ncols), (size + gap) * (i % ncols)
        sheet[top:top + size, left:left + size] = image
    return sheet


def show_images(images, titles=None, ncols=8, title=None, path=None, size=1.3):
    """Kisi gambar dengan judul opsional per gambar. Notebook 01-10.

    ``images``: (N,28,28), (N,28,28,1) atau (N,784), nilai [0,1], [-1,1] atau uint8.
    """
    import matplotlib.pyplot as plt

    x = _as_images(images)
    if titles is not None and len(titles) != len(x):
        raise ValueError(f"Jumlah judul ({len(titles)}) harus sama dengan jumlah gambar ({len(x)}).")
    if isinstance(ncols, bool) or not isinstance(ncols, int) or ncols < 1:
        raise ValueError(f"ncols harus bilangan bulat positif, bukan {ncols!r}.")
    ncols = min(ncols, len(x))
    nrows = int(np.ceil(len(x) / ncols))
    fig, axes = plt.subplots(nrows, ncols, figsize=(size * ncols, size * nrows + 0.3 * bool(title)),
                             squeeze=False)
    for i, ax in enumerate(axes.flat):
        ax.axis("off")
        if i < len(x):
            ax.imshow(x[i], cmap="binary", vmin=0, vmax=1)
            if titles is not None:
                ax.set_title(str(titles[i]), fontsize=8)
    if title:
        fig.suptitle(title)
    return _finish(fig, path)


def compare_rows(rows, title=None, path=None, size=1.3):
    """Baris-baris gambar berlabel, mis. ``{"Asli": X, "Rekonstruksi": X_rec}``. Notebook 02-09.

    ``rows`` adalah dict label -> gambar (semua baris harus berisi jumlah gambar yang sama),
    atau pasangan/list ``(asli, rekonstruksi)`` yang diberi label "Asli" dan "Rekonstruksi".
    """
    import matplotlib.pyplot as plt

    if isinstance(rows, (tuple, list)):
        if len(rows) != 2:
            raise ValueError("Tanpa label, berikan tepat dua larik: (asli, rekonstruksi).")
        rows = {"Asli": rows[0], "Rekonstruksi": rows[1]}
    if not isinstance(rows, dict) or not rows:
        raise ValueError("rows harus dict label -> gambar, mis. {'Asli': X, 'Rekonstruksi': R}.")
    data = {label: _as_images(x, name=f"baris '{label}'") for label, x in rows.items()}
    counts = {label: len(x) for label, x in data.items()}
    if len(set(counts.values())) != 1:
        raise ValueError(f"Setiap baris harus berisi jumlah gambar yang sama; diterima {counts}.")
    n = next(iter(counts.values()))
    fig, axes = plt.subplots(len(data), n, figsize=(size * n, size * len(data)), squeeze=False)
    for r, (label, x) in enumerate(data.items()):
        for c in range(n):
            ax = axes[r, c]
            ax.imshow(x[c], cmap="binary", vmin=0, vmax=1)
            ax.set_xticks([])
            ax.set_yticks([])
        axes[r, 0].set_ylabel(label, rotation=0, ha="right", va="center", fontsize=10)
    if title:
        fig.suptitle(title)
    return _finish(fig, path)


def plot_history(history, keys=None, log=False, title="Kurva loss", path=None):
    """Kurva loss data latih vs data validasi per epoch. Notebook 02-08.

    ``history``: objek ``keras.callbacks.History`` (hasil ``fit``) atau dict nama -> list
    nilai. Tanpa ``keys`` semua metrik digambar; ``val_x`` digambar putus-putus di panel
    yang sama dengan ``x``. ``log=True`` memakai sumbu y logaritmik.
    """
    import matplotlib.pyplot as plt

    logs = getattr(history, "history", history)
    if not isinstance(logs, dict) or not logs:
        raise ValueError("history harus objek History dari model.fit() atau dict nama -> "
                         "list nilai, mis. {'loss': [...], 'val_loss': [...]}.")
    if keys is None:
        keys = [k for k in logs if not k.startswith("val_")]
    missing = [k for k in keys if k not in logs]
    if missing:
        raise ValueError(f"Metrik {missing} tidak ada di history; yang tersedia: {list(logs)}.")
    for k in list(keys) + [f"val_{k}" for k in keys if f"val_{k}" in logs]:
        values = np.asarray(logs[k], dtype=float)
        if values.ndim != 1 or len(values) == 0:
            raise ValueError(f"Nilai '{k}' harus list angka per epoch yang tidak kosong.")
        if log and np.any(values <= 0):
            raise ValueError(f"Sumbu log butuh nilai positif, tetapi '{k}' memuat nilai <= 0.")
    fig, axes = plt.subplots(1, len(keys), figsize=(5 * len(keys), 3.5), squeeze=False)
    for ax, k in zip(axes.flat, keys):
        epochs = np.arange(1, len(logs[k]) + 1)
        ax.plot(epochs, logs[k], "o-", label=f"{k} (latih)")
        if f"val_{k}" in logs:
            ax.plot(np.arange(1, len(logs[f"val_{k}"]) + 1), logs[f"val_{k}"], "s--",
                    label=f"{k} (validasi)")
        ax.set_xlabel("Epoch")
        ax.set_ylabel(k)
        if log:
            ax.set_yscale("log")
        ax.grid(alpha=0.3)
        ax.legend()
    fig.suptitle(title)
    return _finish(fig, path)
