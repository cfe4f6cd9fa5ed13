"""Sel cek latihan notebook 05 dan 06 membedakan jawaban benar dari yang salah.

Setiap latihan diuji dengan jawaban benar (diterima), jawaban salah yang masuk akal (ditolak
dengan vonis) dan jawaban bertipe salah (ditolak tanpa traceback). Kelas dan fungsi diambil
langsung dari sel notebook (BetaVAE dari sel solusinya), lalu dipakai pada model kecil dan
data acak secukupnya.
"""
import ast

import keras
import numpy as np
import pytest
import tensorflow as tf
from sel_latihan import accepted, notebook, python_source, refused, run_check

pytestmark = pytest.mark.filterwarnings("ignore::UserWarning")


def from_notebook(prefix, names):
    """Definisi kelas/fungsi bernama ``names`` dari sel kode notebook (sel solusi juga)."""
    found = {}
    for cell in notebook(prefix).cells:
        if cell.cell_type != "code":
            continue
        for node in ast.parse(python_source(cell.source)).body:
            if isinstance(node, (ast.ClassDef, ast.FunctionDef)) and node.name in names:
                found[node.name] = node
    assert set(found) == set(names), f"tidak ditemukan: {set(names) - set(found)}"
    namespace = {"keras": keras, "layers": keras.layers, "ops": keras.ops, "tf": tf, "np": np}
    module = ast.Module(body=[found[n] for n in names], type_ignores=[])
    exec(compile(module, f"<notebook {prefix}>", "exec"), namespace)
    return namespace


WRONG_TYPES = ["jawaban saya", [1, 2, 3], 42]


# ---------------------------------------------------------------- notebook 05

@pytest.fixture(scope="module")
def nb05():
    return from_notebook("05", ["SparsityPenalty", "L1Penalty", "KLDivergenceRegularizer",
                                "make_sparse_autoencoder"])


def kl_bernoulli(rho, rho_hat):
    return rho * np.log(rho / rho_hat) + (1 - rho) * np.log((1 - rho) / (1 - rho_hat))


def test_05_latihan_1(nb05):
    ctx = {"KLDivergenceRegularizer": nb05["KLDivergenceRegularizer"]}
    assert accepted(run_check("05", 1, jawaban_1=kl_bernoulli(0.1, 0.3), **ctx))
    assert refused(run_check("05", 1, jawaban_1=kl_bernoulli(0.3, 0.1), **ctx))  # argumen tertukar
    log10 = kl_bernoulli(0.1, 0.3) / np.log(10)
    assert refused(run_check("05", 1, jawaban_1=log10, **ctx))
    assert refused(run_check("05", 1, jawaban_1=..., **ctx))
    for wrong in WRONG_TYPES + ["0.1163"]:
        assert refused(run_check("05", 1, jawaban_1=wrong, **ctx))


@pytest.fixture(scope="module")
def codings05():
    rng = np.random.default_rng(0)
    unit_means = rng.uniform(0.02, 0.4, 300)
    kl_codes = (rng.uniform(0, 1, (200, 300)) < unit_means).astype("float32") * 0.9 + 0.01
    plain_codes = rng.uniform(0.2, 0.6, (200, 300)).astype("float32")
    return {"Tanpa penalti": plain_codes, "L1 (λ=0.0001)": plain_codes / 4,
            "KL (β=0.001, ρ=0.1)": kl_codes}


def test_05_latihan_2(codings05):
    ctx = {"codings": codings05, "KL_WEIGHT": 1e-3, "RHO": 0.1}
    kl_codes = codings05["KL (β=0.001, ρ=0.1)"]
    plain_codes = codings05["Tanpa penalti"]
    assert accepted(run_check("05", 2, jawaban_2=float(kl_codes[kl_codes >= 0.05].mean()), **ctx))
    assert accepted(run_check("05", 2, jawaban_2=kl_codes[kl_codes > 0.05].mean(), **ctx))
    for wrong in [kl_codes.mean(),                            # semua aktivasi
                  plain_codes[plain_codes >= 0.05].mean(),    # model lain
                  np.mean(kl_codes >= 0.05),                  # porsi, bukan rata-rata
                  kl_codes[kl_codes < 0.05].mean(),           # yang hampir nol
                  kl_codes.mean(axis=0)]:                     # rata-rata per unit
        assert refused(run_check("05", 2, jawaban_2=wrong, **ctx))
    for wrong in WRONG_TYPES + [..., ["a"] * 300, "0.9"]:
        assert refused(run_check("05", 2, jawaban_2=wrong, **ctx))


def fit_one_step(model, x):
    model.compile(loss="binary_crossentropy", optimizer=keras.optimizers.Adam(1e-3),
                  run_eagerly=True)   # satu langkah, tanpa tf.function
    model.fit(x, x, batch_size=len(x), epochs=1, verbose=0)
    return model


def test_05_latihan_3(nb05):
    x = np.random.default_rng(1).uniform(0, 1, (16, 28, 28)).astype("float32")
    make, kl = nb05["make_sparse_autoencoder"], nb05["KLDivergenceRegularizer"]
    ctx = {"keras": keras, "KL_WEIGHT": 1e-3, "SparsityPenalty": nb05["SparsityPenalty"],
           "KLDivergenceRegularizer": kl}
    right = fit_one_step(make(kl(1e-3, 0.05), name="benar")[0], x)
    assert accepted(run_check("05", 3, jawaban_3=right, **ctx))
    wrong_models = [fit_one_step(make(kl(1e-3, 0.1), name="target_01")[0], x),
                    fit_one_step(make(kl(1e-2, 0.05), name="bobot_lain")[0], x),
                    fit_one_step(make(nb05["L1Penalty"](1e-4), name="l1")[0], x),
                    fit_one_step(make(None, name="polos")[0], x),
                    make(kl(1e-3, 0.05), name="belum_dilatih")[0]]
    encoder = make(kl(1e-3, 0.05), name="encoder_saja")
    fit_one_step(encoder[0], x)
    wrong_models.append(encoder[1])                  # encoder, bukan model lengkap
    assert "model lengkap" in run_check("05", 3, jawaban_3=encoder[1], **ctx)
    for wrong in wrong_models:
        assert refused(run_check("05", 3, jawaban_3=wrong, **ctx)), wrong.name
    for wrong in WRONG_TYPES + [0.05, ...]:   # 0,05: rata-rata aktivasi, bukan model
        assert refused(run_check("05", 3, jawaban_3=wrong, **ctx))


def test_05_latihan_4(nb05, tmp_path):
    make, kl = nb05["make_sparse_autoencoder"], nb05["KLDivergenceRegularizer"]
    model_kl = make(kl(1e-3, 0.1), name="kl")[0]
    path = tmp_path / "kl.keras"
    model_kl.save(path)
    custom = {name: nb05[name] for name in ("SparsityPenalty", "KLDivergenceRegularizer")}
    loaded = keras.models.load_model(path, custom_objects=custom)
    x_test = np.random.default_rng(2).uniform(0, 1, (10, 28, 28)).astype("float32")
    ctx = {"keras": keras, "model_kl": model_kl, "X_test": x_test, "idx": np.arange(10),
           "KL_WEIGHT": 1e-3, "RHO": 0.1, **custom}
    assert accepted(run_check("05", 4, jawaban_4=loaded, **ctx))
    for wrong in [model_kl,                                   # bukan hasil muatan
                  make(kl(1e-3, 0.1), name="baru")[0],        # bobot lain
                  make(None, name="tanpa_penalti")[0]]:
        assert refused(run_check("05", 4, jawaban_4=wrong, **ctx))
    for wrong in WRONG_TYPES + [str(path), ...]:
        assert refused(run_check("05", 4, jawaban_4=wrong, **ctx))


# ---------------------------------------------------------------- notebook 06

@pytest.fixture(scope="module")
def nb06():
    return from_notebook("06", ["Sampling", "reconstruction_loss", "kl_divergence",
                                "make_encoder", "make_decoder", "VAE", "BetaVAE"])


def test_06_latihan_1(nb06):
    ctx = {"kl_divergence": nb06["kl_divergence"]}
    right = 0.5 * (1.0 + 2.0 - 1.0 - np.log(2.0))
    assert accepted(run_check("06", 1, jawaban_1=right, **ctx))
    for wrong in [2 * right,                                  # tanpa faktor 1/2
                  -right,                                     # tanda terbalik
                  np.array([0.5, right - 0.5])]:              # lupa menjumlahkan
        assert refused(run_check("06", 1, jawaban_1=wrong, **ctx))
    for wrong in WRONG_TYPES + ["0.6534", ...]:
        assert refused(run_check("06", 1, jawaban_1=wrong, **ctx))


def test_06_latihan_2(nb06):
    ctx = {"Sampling": nb06["Sampling"], "ops": keras.ops}
    eps = np.random.default_rng(1).standard_normal(100_000)
    z = 2.0 + np.exp(0.5 * np.log(0.25)) * eps
    assert accepted(run_check("06", 2, jawaban_2=(z.mean(), z.std()), **ctx))
    wrong_pairs = [((2.0 + 0.25 * eps).mean(), (2.0 + 0.25 * eps).std()),   # sigma^2, bukan sigma
                   ((2.0 + np.log(0.25) * eps).mean(), (np.log(0.25) * eps).std()),  # log_var
                   (z.std(), z.mean()),                                    # urutan tertukar
                   (z.mean(), z.std(), 0.0)]                               # tiga angka
    for wrong in wrong_pairs:
        assert refused(run_check("06", 2, jawaban_2=wrong, **ctx))
    for wrong in WRONG_TYPES + ["2, 0.5", (..., ...), {"mean": 2.0}]:
        assert refused(run_check("06", 2, jawaban_2=wrong, **ctx))


@pytest.fixture(scope="module")
def vae_parts(nb06):
    rng = np.random.default_rng(3)
    x = rng.uniform(0, 1, (16, 28, 28)).astype("float32")

    def build(cls, trained=True, **kwargs):
        model = cls(nb06["make_encoder"](2), nb06["make_decoder"](2), **kwargs)
        # run_eagerly: satu langkah latih tanpa menelusuri tf.function (lebih cepat di uji)
        model.compile(optimizer=keras.optimizers.Adam(1e-3), run_eagerly=True)
        if trained:
            model.fit(x, x, batch_size=16, epochs=1, verbose=0)
        return model
    return x, build


def test_06_latihan_3(nb06, vae_parts):
    x, build = vae_parts
    VAE, BetaVAE = nb06["VAE"], nb06["BetaVAE"]
    ctx = {"VAE": VAE, "kl_divergence": nb06["kl_divergence"], "ops": keras.ops, "X_test": x}
    assert accepted(run_check("06", 3, jawaban_3=build(BetaVAE, beta=4.0), **ctx))

    class ReconstructionWeighted(VAE):   # bobot pada suku yang salah
        def __init__(self, *args, beta=4.0, **kwargs):
            super().__init__(*args, **kwargs)
            self.beta = beta

        def vae_losses(self, x, y, training=False):
            _, reconstruction, kl = VAE.vae_losses(self, x, y, training=training)
            return self.beta * reconstruction + kl, reconstruction, kl

    class WeightedTracker(ReconstructionWeighted):   # pelacak kl ikut berbobot
        def vae_losses(self, x, y, training=False):
            _, reconstruction, kl = VAE.vae_losses(self, x, y, training=training)
            return reconstruction + self.beta * kl, reconstruction, self.beta * kl

    plain_with_beta = build(VAE)
    plain_with_beta.beta = 4.0                       # atribut saja, vae_losses tidak diganti
    wrong_models = [build(VAE),                      # VAE biasa (beta = 1)
                    build(BetaVAE, beta=1.0),
                    plain_with_beta,
                    build(ReconstructionWeighted),
                    build(WeightedTracker),
                    build(BetaVAE, trained=False, beta=4.0)]
    for wrong in wrong_models:
        assert refused(run_check("06", 3, jawaban_3=wrong, **ctx)), type(wrong).__name__
    for wrong in WRONG_TYPES + [4.0, ...]:
        assert refused(run_check("06", 3, jawaban_3=wrong, **ctx))


def test_06_latihan_4(nb06):
    rng = np.random.default_rng(4)
    decoder = nb06["make_decoder"](10)
    z_mean_test = rng.standard_normal((60, 10)).astype("float32")
    y_test = np.arange(60) % 10
    x_test = rng.uniform(0, 1, (60, 28, 28)).astype("float32")
    ctx = {"decoder": decoder, "z_mean_test": z_mean_test, "y_test": y_test}
    centers = np.stack([z_mean_test[y_test == c].mean(axis=0) for c in range(10)])
    right = decoder.predict(centers, verbose=0)
    assert accepted(run_check("06", 4, jawaban_4=right, **ctx))
    pixel_means = np.stack([x_test[y_test == c].mean(axis=0) for c in range(10)])
    for wrong in [pixel_means,                                        # rata-rata piksel
                  right[::-1],                                        # urutan kelas terbalik
                  decoder.predict(z_mean_test[:10], verbose=0)]:      # satu gambar per kelas
        assert refused(run_check("06", 4, jawaban_4=wrong, **ctx))
    for wrong in WRONG_TYPES + [[["a"] * 28] * 28, ...]:
        assert refused(run_check("06", 4, jawaban_4=wrong, **ctx))
