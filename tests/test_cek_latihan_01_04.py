"""Uji sel cek latihan notebook 01-04: setiap sel cek dijalankan tanpa menjalankan notebook.

Untuk setiap latihan: jawaban benar diterima; jawaban salah yang masuk akal ditolak dengan
vonis; jawaban bertipe salah ditolak dengan vonis, bukan traceback. Konteksnya dibuat kecil:
potongan subset data di repositori, model Keras kecil, atau fungsi yang diambil dari notebook.
"""
import ast

import keras
import numpy as np
import pytest
import tensorflow as tf
from sel_latihan import ROOT, accepted, notebook, refused, run_check


# --------------------------------------------------------------------------- konteks bersama
def notebook_defs(prefix, cell_id, namespace=None):
    """Menjalankan hanya definisi (import, fungsi, kelas, konstanta) dari satu sel notebook."""
    (cell,) = [c for c in notebook(prefix).cells if c.get("id") == cell_id]
    tree = ast.parse(cell.source)
    keep = [node for node in tree.body
            if isinstance(node, (ast.Import, ast.ImportFrom, ast.FunctionDef, ast.ClassDef))
            or (isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant))]
    names = {"keras": keras, "layers": keras.layers, "ops": keras.ops, "np": np,
             **(namespace or {})}
    exec(compile(ast.Module(body=keep, type_ignores=[]), cell_id, "exec"), names)
    return names


@pytest.fixture(scope="module")
def fashion():
    """Potongan kecil subset Fashion-MNIST di repositori, float32 dalam [0, 1]."""
    data = np.load(ROOT / "data" / "fashion_mnist_kecil.npz")
    X = data["x_train"][:1300].astype("float32") / 255.0
    return {"X_train": X[:800], "y_train": data["y_train"][:800], "X_test": X[800:],
            "y_test": data["y_train"][800:1300]}


@pytest.fixture(scope="module")
def nb02():
    return notebook_defs("02", "sel-009")


def trained(model, X, loss="binary_crossentropy", epochs=3):
    keras.utils.set_random_seed(0)
    model.compile(loss=loss, optimizer=keras.optimizers.Adam(1e-3))
    model.fit(X, X, epochs=epochs, batch_size=64, verbose=0)
    return model


# --------------------------------------------------------------------------- notebook 01
@pytest.fixture(scope="module")
def ctx01():
    rng = np.random.default_rng(0)
    X_test = rng.integers(0, 256, size=(20, 28, 28)).astype("uint8")
    X_test[0, 0, :2] = [0, 255]
    X_mnist_gan = rng.uniform(-1, 1, size=(600, 28, 28)).astype("float32")
    y_train = np.arange(200) % 10
    return {"X_test": X_test, "X_mnist_gan": X_mnist_gan,
            "X_train": rng.uniform(0, 1, size=(200, 28, 28)).astype("float32"), "y_train": y_train,
            "X_valid": rng.uniform(0, 1, size=(50, 28, 28)).astype("float32"),
            "y_valid": rng.integers(0, 10, size=500), "tf": tf}


def test_01_latihan_1(ctx01):
    X = ctx01["X_test"]
    right = (X.astype("float32") - 127.5) / 127.5
    assert accepted(run_check("01", 1, X_test_gan=right, **ctx01))
    for wrong in [X.astype("float32") / 255.0, (X - 127.5) / 127.5, -right, "X_test_gan",
                  right.tolist(), 0.5]:
        assert refused(run_check("01", 1, X_test_gan=wrong, **ctx01))


def test_01_latihan_2(ctx01):
    X = np.array(ctx01["X_mnist_gan"], copy=True)
    X.flat[::10] = 1.0  # seperti piksel 255: tepat 1 setelah penskalaan
    ctx = {**ctx01, "X_mnist_gan": X}
    right = float(np.mean((X <= 0) | (X >= 1)))
    assert accepted(run_check("01", 2, porsi_mustahil=right, **ctx))
    for wrong in [float(np.mean(X > 0)), float(np.mean(X <= -0.99)), int(np.sum(X <= 0)),
                  float(np.mean(X <= 0)),  # lupa bahwa piksel 255 menjadi tepat 1
                  X <= 0, "porsi", None]:
        assert refused(run_check("01", 2, porsi_mustahil=wrong, **ctx))


def test_01_latihan_3(ctx01):
    X = ctx01["X_valid"]
    assert accepted(run_check("01", 3, X_valid_conv=X[..., np.newaxis], **ctx01))
    for wrong in [X[np.newaxis], ctx01["X_train"][:50, ..., np.newaxis], 3, "X"]:
        assert refused(run_check("01", 3, X_valid_conv=wrong, **ctx01))


def test_01_latihan_4(ctx01):
    X = ctx01["X_mnist_gan"]
    right = tf.data.Dataset.from_tensor_slices(X).shuffle(len(X), seed=1).batch(256).prefetch(2)
    assert accepted(run_check("01", 4, dataset_gan=right, **ctx01))
    wrongs = [tf.data.Dataset.from_tensor_slices(X).batch(256),                       # tidak diacak
              tf.data.Dataset.from_tensor_slices(X).shuffle(len(X)).batch(128),       # batch salah
              tf.data.Dataset.from_tensor_slices((X + 1) / 2).shuffle(len(X)).batch(256),  # [0, 1]
              # acak sesudah batch:
              tf.data.Dataset.from_tensor_slices(X).batch(256).shuffle(100, seed=1).skip(1),
              tf.data.Dataset.from_tensor_slices(X).shuffle(10, seed=1).batch(256),   # buffer terlalu kecil
              X, "dataset", None]
    for wrong in wrongs:
        assert refused(run_check("01", 4, dataset_gan=wrong, **ctx01))


def test_01_latihan_5(ctx01):
    X, y = ctx01["X_train"], ctx01["y_train"]
    right = np.stack([X[y == c].mean(axis=0) for c in range(10)])
    spread = [np.mean((X[y == c] - right[c]) ** 2) for c in range(10)]
    top = int(np.argmax(spread))
    assert accepted(run_check("01", 5, rata_kelas=right, kelas_terkabur=top, **ctx01))
    for wrong in [np.repeat(X.mean(axis=0)[None], 10, axis=0), right * 255, right[:, :, :27], "rata"]:
        assert refused(run_check("01", 5, rata_kelas=wrong, kelas_terkabur=top, **ctx01))
    for wrong in [int(np.argmin(spread)), (top + 1) % 10, "tas", None]:
        assert refused(run_check("01", 5, rata_kelas=right, kelas_terkabur=wrong, **ctx01))


# --------------------------------------------------------------------------- notebook 02
def test_02_latihan_1(nb02):
    names = {"make_decoder": nb02["make_decoder"]}
    right = (10 * 150 + 150) + (150 * 300 + 300) + (300 * 784 + 784)
    assert accepted(run_check("02", 1, jawaban_1=right, **names))
    code_30 = (30 * 150 + 150) + (150 * 300 + 300) + (300 * 784 + 784)
    for wrong in [code_30, 10 * 150 + 150 * 300 + 300 * 784, str(right), [right]]:
        assert refused(run_check("02", 1, jawaban_1=wrong, **names))


@pytest.fixture(scope="module")
def ctx02(nb02, fashion):
    make_encoder, make_decoder = nb02["make_encoder"], nb02["make_decoder"]
    X = fashion["X_train"]
    encoder, decoder = make_encoder(), make_decoder()
    stacked_ae = keras.Sequential([encoder, decoder])
    return {"keras": keras, "X_train": X, "X_test": fashion["X_test"], "encoder": encoder,
            "decoder": decoder, "stacked_ae": stacked_ae,
            "mse_model": trained(keras.Sequential([make_encoder(), make_decoder()]), X, loss="mse"),
            "bce_model": trained(keras.Sequential([make_encoder(), make_decoder()]), X),
            "small_model": trained(keras.Sequential([make_encoder(10), make_decoder(10)]), X)}


def test_02_latihan_2(ctx02, nb02):
    make_encoder, make_decoder = nb02["make_encoder"], nb02["make_decoder"]
    names = {k: ctx02[k] for k in ("keras", "X_train", "X_test", "stacked_ae", "encoder")}
    names["EPOCHS"] = 3                                   # trained() melatih 3 epoch
    assert accepted(run_check("02", 2, jawaban_2=ctx02["mse_model"], **names))
    untrained = keras.Sequential([make_encoder(), make_decoder()])
    untrained.compile(loss="mse", optimizer="adam")
    metrics = {"MSE": 0.01, "PSNR (dB)": 20.0}
    # Autoencoder utama yang dikompilasi ulang dengan MSE dan dilatih lagi (anggaran tidak sama).
    main_encoder = make_encoder()
    retrained_main = trained(keras.Sequential([main_encoder, make_decoder()]), ctx02["X_train"],
                             loss="mse")
    one_epoch = trained(keras.Sequential([make_encoder(), make_decoder()]), ctx02["X_train"],
                        loss="mse", epochs=1)
    for wrong in [ctx02["bce_model"], untrained, one_epoch, metrics, "mse_ae", 0.01]:
        assert refused(run_check("02", 2, jawaban_2=wrong, **names))
    assert refused(run_check("02", 2, jawaban_2=retrained_main,
                             **{**names, "stacked_ae": retrained_main, "encoder": main_encoder}))


def test_02_latihan_3(ctx02, nb02):
    names = {k: ctx02[k] for k in ("keras", "X_train", "X_test")}
    names["EPOCHS"] = 3                                   # trained() melatih 3 epoch
    assert accepted(run_check("02", 3, jawaban_3=ctx02["small_model"], **names))
    untrained = keras.Sequential([nb02["make_encoder"](10), nb02["make_decoder"](10)])
    codes = ctx02["small_model"].layers[0].predict(ctx02["X_test"][:10], verbose=0)
    one_epoch = trained(keras.Sequential([nb02["make_encoder"](10), nb02["make_decoder"](10)]),
                        ctx02["X_train"], epochs=1)
    for wrong in [ctx02["bce_model"], untrained, one_epoch, codes, [1, 2, 3]]:
        assert refused(run_check("02", 3, jawaban_3=wrong, **names))


def test_02_latihan_4(ctx02):
    (cell,) = [c for c in notebook("02").cells if "class DenseTranspose" in c.source
               and "solusi" in c.metadata.get("tags", [])]
    tree = ast.parse(cell.source)
    names = {"keras": keras, "layers": keras.layers, "ops": keras.ops}
    exec(compile(ast.Module(body=[n for n in tree.body if isinstance(n, ast.ClassDef)],
                            type_ignores=[]), "DenseTranspose", "exec"), names)
    DenseTranspose = names["DenseTranspose"]

    def tied(with_bias=True):
        d1 = keras.layers.Dense(300, activation="relu")
        d2 = keras.layers.Dense(150, activation="relu")
        d3 = keras.layers.Dense(30, activation="relu")
        enc = keras.Sequential([keras.Input(shape=(28, 28)), keras.layers.Flatten(), d1, d2, d3])
        if with_bias:
            dec_layers = [DenseTranspose(d3, "relu"), DenseTranspose(d2, "relu"),
                          DenseTranspose(d1, "sigmoid")]
        else:  # bias dibuang: jumlah parameternya salah
            dec_layers = [
                keras.layers.Lambda(lambda h, d=d: keras.ops.matmul(h, keras.ops.transpose(d.kernel)))
                for d in (d3, d2, d1)]
        dec = keras.Sequential([keras.Input(shape=(30,)), *dec_layers, keras.layers.Reshape((28, 28))])
        return keras.Sequential([enc, dec])

    context = {k: ctx02[k] for k in ("keras", "X_train", "X_test", "stacked_ae", "decoder")}
    assert accepted(run_check("02", 4, jawaban_4=trained(tied(), ctx02["X_train"]), **context))
    for wrong in [ctx02["bce_model"], tied(), tied(with_bias=False), "jawaban_4", 286]:
        assert refused(run_check("02", 4, jawaban_4=wrong, **context))


# --------------------------------------------------------------------------- notebook 03
@pytest.fixture(scope="module")
def nb03():
    names = notebook_defs("03", "sel-009")
    names.update(notebook_defs("03", "sel-015", names))
    names.update(notebook_defs("03", "sel-018", names))
    return names


def test_03_latihan_1():
    assert accepted(run_check("03", 1, jawaban_1=15, keras=keras))
    for wrong in [14, 16, "15", [15]]:
        assert refused(run_check("03", 1, jawaban_1=wrong, keras=keras))


def test_03_latihan_2(nb03):
    encoder = nb03["make_conv_encoder"]()
    assert accepted(run_check("03", 2, jawaban_2=3 * 3 * 32 * 16 + 16, conv_encoder_b=encoder))
    for wrong in [3 * 3 * 32 * 16, 3 * 3 * 16 + 16, "4624", None]:
        assert refused(run_check("03", 2, jawaban_2=wrong, conv_encoder_b=encoder))


def decoder_cropped_early(cropping=((0, 1), (0, 1))):
    L = keras.layers
    return keras.Sequential([
        keras.Input(shape=(4, 4, 8)),
        L.Conv2DTranspose(8, 3, strides=2, padding="same", activation="relu"),
        L.Cropping2D(cropping),
        L.Conv2DTranspose(16, 3, strides=2, padding="same", activation="relu"),
        L.Conv2DTranspose(32, 3, strides=2, padding="same", activation="relu"),
        L.Conv2D(1, 3, padding="same", activation="sigmoid"),
    ])


def test_03_latihan_3(nb03):
    assert accepted(run_check("03", 3, jawaban_3=decoder_cropped_early(), keras=keras))
    wrongs = [nb03["make_transpose_decoder"](),             # memotong di 32 x 32
              decoder_cropped_early(((1, 0), (1, 0))),      # 7 x 7, tetapi sisi yang salah
              nb03["make_upsampling_decoder"](),            # tanpa Cropping2D
              "decoder", 7]
    for wrong in wrongs:
        assert refused(run_check("03", 3, jawaban_3=wrong, keras=keras))


def test_03_latihan_4(nb03, fashion):
    X = fashion["X_train"][:64, ..., None]

    def history_of(last_filters, epochs, validation=True):
        keras.utils.set_random_seed(0)
        model = keras.Sequential([nb03["make_conv_encoder"](last_filters=last_filters),
                                  nb03["make_upsampling_decoder"](coding_filters=last_filters)])
        model.compile(loss="binary_crossentropy", optimizer="adam", metrics=["mse"])
        return model.fit(X, X, epochs=epochs, batch_size=32, verbose=0,
                         validation_data=(X[:16], X[:16]) if validation else None)

    right = history_of(2, epochs=1)
    assert accepted(run_check("03", 4, jawaban_4=right, keras=keras, EPOCHS_EX=1))
    wrongs = [history_of(8, epochs=1),                  # kode 128 angka, bukan 32
              history_of(2, epochs=2),                  # epoch tidak sama dengan model pembanding
              history_of(2, epochs=1, validation=False),
              nb03["make_conv_encoder"](last_filters=2),  # encoder saja, belum dilatih
              (right, 1.5), 0.0186, "history"]
    for wrong in wrongs:
        assert refused(run_check("03", 4, jawaban_4=wrong, keras=keras, EPOCHS_EX=1))


# --------------------------------------------------------------------------- notebook 04
@pytest.fixture(scope="module")
def ctx04(fashion):
    names = notebook_defs("04", "sel-007")
    X_test = fashion["X_test"][:40]
    return {"X_test": X_test, "idx": np.arange(10),
            "X_test_gauss": names["add_gaussian_noise"](X_test, 0.3, np.random.default_rng(1)),
            "add_gaussian_noise": names["add_gaussian_noise"]}


def speckle(x, sigma, rng):
    return np.clip(x + x * sigma * rng.standard_normal(x.shape).astype("float32"), 0.0, 1.0)


def test_04_latihan_1(ctx04):
    X = ctx04["X_test"][:10]
    names = {"X_test": ctx04["X_test"], "idx": ctx04["idx"]}
    right = speckle(X, 0.5, np.random.default_rng(3))
    assert accepted(run_check("04", 1, jawaban_1=right, **names))
    additive = ctx04["add_gaussian_noise"](X, 0.5, np.random.default_rng(3))
    unclipped = X + X * 0.5 * np.random.default_rng(3).standard_normal(X.shape)
    no_x = np.clip(X * 0.5 * np.random.default_rng(3).standard_normal(X.shape), 0, 1)  # lupa "x +"
    weak = speckle(X, 0.1, np.random.default_rng(3))                                 # sigma salah
    for wrong in [additive, unclipped, no_x, weak, X.copy(), None, right.tolist(), "derau",
                  np.full(X.shape, "a")]:
        assert refused(run_check("04", 1, jawaban_1=wrong, **names))


def test_04_latihan_2(ctx04):
    clean, noisy = ctx04["X_test"][0], ctx04["X_test_gauss"][0]
    right = 10 * np.log10(1.0 / np.mean((clean - noisy) ** 2))
    names = {k: ctx04[k] for k in ("X_test", "X_test_gauss", "idx")}
    assert accepted(run_check("04", 2, jawaban_2=right, **names))
    for wrong in [right + 20 * np.log10(255), np.mean((clean - noisy) ** 2), "12 dB", [right, right]]:
        assert refused(run_check("04", 2, jawaban_2=wrong, **names))


class SwitchingMedian(keras.layers.Layer):
    """Filter median 3 x 3 yang hanya mengganti piksel bernilai tepat 0 atau 1, tanpa bobot.

    Pada derau garam-merica hasilnya jauh lebih baik daripada filter median biasa, jadi model ini
    mewakili jawaban yang lolos di ukuran penuh tanpa pelatihan panjang di dalam uji.
    """

    def call(self, x):
        padded = keras.ops.pad(x, ((0, 0), (1, 1), (1, 1)), mode="symmetric")
        shifted = [padded[:, i:i + 28, j:j + 28] for i in range(3) for j in range(3)]
        median = keras.ops.sort(keras.ops.stack(shifted, axis=-1), axis=-1)[..., 4]
        return keras.ops.where((x == 0.0) | (x == 1.0), median, x)


def test_04_latihan_3(ctx04, fashion, monkeypatch):
    from scipy import ndimage

    import helpers
    defs = notebook_defs("04", "sel-009")
    defs.update(notebook_defs("04", "sel-021", defs))
    make, salt_pepper = defs["make_denoiser"], defs["add_salt_pepper"]
    X = ctx04["X_test"]
    X_sp = salt_pepper(X, 0.1, np.random.default_rng(2))
    keras.utils.set_random_seed(0)
    right = make(name="denoiser_garam_merica")
    right.compile(loss="binary_crossentropy", optimizer=keras.optimizers.Adam(1e-3))
    X_train = fashion["X_train"]
    X_train_sp = salt_pepper(X_train, 0.1, np.random.default_rng(5))
    right.fit(X_train_sp, X_train, epochs=8, batch_size=64, verbose=0)
    others = {name: make(name=name)
              for name in ("model_a", "model_b", "model_b_clip", "model_c", "model_plain")}
    median_psnr = helpers.psnr(X, ndimage.median_filter(X_sp, size=(1, 3, 3)))
    names = {"X_test": X, "X_test_sp": X_sp, "SP_AMOUNT": 0.1, "keras": keras, **others,
             "X_train": X_train, "jawaban_3_input": X_train_sp,
             "after": {("salt_pepper", "median"): {"PSNR (dB)": median_psnr}}}
    assert accepted(run_check("04", 3, jawaban_3=right, **names))

    def fitted(inputs, epochs, batch_size):
        keras.utils.set_random_seed(0)
        model = make(name="denoiser_garam_merica")
        model.compile(loss="binary_crossentropy", optimizer=keras.optimizers.Adam(1e-3))
        model.fit(inputs, X_train, epochs=epochs, batch_size=batch_size, verbose=0)
        return model

    # Mode cepat: jawaban benar dengan anggaran mode cepat (sekitar 16 batch berisi 128 gambar)
    # diterima; batasnya gambar latih rata-rata.
    fast_right = fitted(X_train_sp, 2, 128)
    assert accepted(run_check("04", 3, jawaban_3=fast_right, **names))
    # Ukuran penuh: batasnya baris filter median 3 x 3 di notebook. Model yang melampauinya
    # diterima; model lemah ditolak, begitu pula autoencoder biasa (masukan bersih) walaupun
    # larik garam-merica yang sudah terisi di kerangka dibiarkan. Pada ukuran penuh autoencoder
    # biasa juga tetap di bawah filter median (lihat teks jawaban Latihan 3).
    plain = fitted(X_train, 8, 64)
    monkeypatch.setenv("KURSUS_CEPAT", "0")
    strong = keras.Sequential([keras.Input(shape=(28, 28)), SwitchingMedian()])
    assert helpers.psnr(X, strong.predict(X_sp, verbose=0)) > median_psnr
    assert accepted(run_check("04", 3, jawaban_3=strong, **names))
    for weak in [right, fast_right, plain]:
        assert refused(run_check("04", 3, jawaban_3=weak, **names))
    monkeypatch.setenv("KURSUS_CEPAT", "1")
    # Autoencoder biasa dan model yang dilatih dengan derau Gaussian ditolak lewat larik masukan
    # latihnya bila larik itu yang disimpan; larik yang hilang atau berbentuk salah juga ditolak.
    X_train_gauss = ctx04["add_gaussian_noise"](X_train, 0.3, np.random.default_rng(5))
    for model, inputs in [(plain, X_train), (fitted(X_train_gauss, 8, 64), X_train_gauss)]:
        assert refused(run_check("04", 3, jawaban_3=model, **{**names, "jawaban_3_input": inputs}))
    for inputs in [None, ..., X_train_sp[:100], X_train_sp.tolist()]:
        assert refused(run_check("04", 3, jawaban_3=right, **{**names, "jawaban_3_input": inputs}))
    without_input = {k: v for k, v in names.items() if k != "jawaban_3_input"}
    assert refused(run_check("04", 3, jawaban_3=right, **without_input))
    # Model lama yang sudah ada (di sini: model yang sama didaftarkan sebagai model A, B, atau
    # autoencoder biasa) ditolak, begitu pula model yang belum dilatih, encoder saja, dan angka PSNR.
    encoder = keras.Sequential([keras.Input(shape=(28, 28)), keras.layers.Flatten(),
                                keras.layers.Dense(8)])
    for known in ("model_a", "model_b", "model_plain"):
        assert refused(run_check("04", 3, jawaban_3=right, **{**names, known: right}))
    for wrong in [make(), encoder, helpers.psnr(X, right.predict(X_sp, verbose=0)), "20 dB",
                  [20.0], True]:
        assert refused(run_check("04", 3, jawaban_3=wrong, **names))


def test_04_latihan_4():
    curve_sigmas = np.round(np.arange(0.05, 0.85, 0.1), 2)
    psnr_before = [26.0, 17.0, 13.0, 10.5, 9.0, 7.8, 6.9, 6.2]
    psnr_after = [24.0, 21.5, 20.0, 18.5, 17.0, 15.0, 13.0, 11.0]
    names = {"curve_sigmas": curve_sigmas, "psnr_before": psnr_before, "psnr_after": psnr_after}
    gain = np.array(psnr_after) - np.array(psnr_before)
    right = float(curve_sigmas[np.argmax(gain)])
    assert accepted(run_check("04", 4, jawaban_4=right, **names))
    for wrong in [float(curve_sigmas[np.argmax(psnr_after)]), 0.42, "0.45", [right]]:
        assert refused(run_check("04", 4, jawaban_4=wrong, **names))
