"""Metrik kualitas rekonstruksi: MSE, PSNR, dan SSIM (notebook 02-06)."""
import numpy as np


def _pair(original, reconstructed):
    """Memeriksa dua larik gambar dan mengembalikannya sebagai (N, 28, 28, 1) float32 [0, 1]."""
    a = np.asarray(original, dtype=np.float32)
    b = np.asarray(reconstructed, dtype=np.float32)
    if a.shape != b.shape:
        raise ValueError(f"Bentuk gambar asli {a.shape} dan rekonstruksi {b.shape} harus sama.")
    if a.size == 0:
        raise ValueError("Larik gambar kosong: tidak ada yang bisa diukur.")
    for name, x in (("asli", a), ("rekonstruksi", b)):
        if not np.all(np.isfinite(x)):
            raise ValueError(f"Gambar {name} mengandung NaN atau tak hingga.")
        if x.min() < 0.0 or x.max() > 1.0:
            raise ValueError(f"Piksel gambar {name} harus dalam [0, 1] (bagi dengan 255, atau "
                             f"ubah keluaran tanh dengan (x + 1) / 2); diterima "
                             f"[{x.min():.3g}, {x.max():.3g}].")
    n = len(a)
    if a.size // n != 784:
        raise ValueError(f"Setiap gambar harus 28x28 = 784 piksel; diterima bentuk {a.shape}.")
    return a.reshape(n, 28, 28, 1), b.reshape(n, 28, 28, 1)


def mse(original, reconstructed):
    """Rata-rata kuadrat galat per piksel: mean((x - x_hat)^2). Nilai [0, 1]; kecil = baik."""
    a, b = _pair(original, reconstructed)
    return float(np.mean((a - b) ** 2))


def psnr(original, reconstructed):
    """PSNR rata-rata per gambar dalam dB: 10 log10(1 / MSE_gambar); besar = baik.

    MSE per gambar dibatasi bawah 1e-10 (100 dB) agar gambar identik tidak memberi tak hingga.
    """
    a, b = _pair(original, reconstructed)
    per_image = np.mean((a - b) ** 2, axis=(1, 2, 3))
    return float(np.mean(10.0 * np.log10(1.0 / np.maximum(per_image, 1e-10))))


def ssim(original, reconstructed):
    """SSIM rata-rata (``tf.image.ssim``, max_val=1): 1 = identik secara struktur. Notebook 04."""
    import tensorflow as tf

    a, b = _pair(original, reconstructed)
    return float(tf.reduce_mean(tf.image.ssim(a, b, max_val=1.0)))


def image_metrics(original, reconstructed, with_ssim=False):
    """Dict {"MSE": ..., "PSNR (dB)": ...} (ditambah "SSIM" bila diminta). Notebook 02-06."""
    result = {"MSE": mse(original, reconstructed), "PSNR (dB)": psnr(original, reconstructed)}
    if with_ssim:
        result["SSIM"] = ssim(original, reconstructed)
    return result


def results_table(rows, title=None):
    """Mencetak tabel kecil dari dict ``nama_model -> {metrik: nilai}`` dan mengembalikannya.

    Contoh: ``helpers.results_table({"Autoencoder padat": helpers.image_metrics(X, R)})``.
    """
    if not isinstance(rows, dict) or not rows or \
            not all(isinstance(v, dict) and v for v in rows.values()):
        raise ValueError("rows harus dict nama -> dict metrik, mis. {'Model A': {'MSE': 0.01}}.")
    columns = list(dict.fromkeys(k for v in rows.values() for k in v))
    width = max(len(str(name)) for name in rows) + 2
    lines = [f"{'':<{width}}" + "".join(f"{c:>12}" for c in columns)]
    for name, values in rows.items():
        cells = []
        for c in columns:
            v = values.get(c)
            cells.append(f"{'-':>12}" if v is None else
                         f"{v:>12.4f}" if isinstance(v, float) else f"{v!s:>12}")
        lines.append(f"{name!s:<{width}}" + "".join(cells))
    text = "\n".join(([title] if title else []) + lines)
    print(text)
    return text
