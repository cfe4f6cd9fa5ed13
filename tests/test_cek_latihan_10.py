"""Sel cek latihan notebook 10: jawaban benar diterima, jawaban salah yang masuk akal
ditolak, dan jawaban bertipe salah mendapat pesan (bukan traceback)."""
import math
from types import SimpleNamespace

import numpy as np
import pytest
from muat import load_script
from sel_latihan import accepted, refused, run_check

CLIP = 0.01
CLIP_STEPS = 5


class _FakeCritic:
    """Cukup untuk sel cek Latihan 1: ``get_weights()`` berisi kernel dan bias, dan skor
    (``sign`` kali rata-rata piksel) yang lebih tinggi untuk gambar asli bila ``sign`` positif."""

    def __init__(self, kernels, sign=1.0):
        self.kernels, self.sign = kernels, sign

    def get_weights(self):
        return [self.kernels, np.zeros(3, "float32")]

    def __call__(self, images, training=False):
        return self.sign * np.mean(images, axis=(1, 2, 3))[:, None]


class _FakeOptimizer:
    """Cukup untuk sel cek Latihan 1: jumlah langkah ``iterations``."""

    def __init__(self, iterations):
        self.iterations = iterations


def _kernels(clipped=True):
    values = np.random.default_rng(0).uniform(-0.05, 0.05, (40, 25)).astype("float32")
    return np.clip(values, -CLIP, CLIP) if clipped else values


# Bobot awal make_critic() (Glorot, di sini acak) dan bobot yang sama setelah penskalaan di soal.
RAW_START = np.random.default_rng(1).uniform(-0.06, 0.06, (40, 25)).astype("float32")
SCALED_START = RAW_START * (0.5 * CLIP) / np.abs(RAW_START).max()
CLIPPED = _kernels()
SHARE = float(np.mean(np.abs(CLIPPED) >= 0.99 * CLIP))
KERAS = SimpleNamespace(utils=SimpleNamespace(set_random_seed=lambda seed: None))
# Gambar latih (rata-rata piksel 0,5) dan generator yang membuat gambar rata-rata 0.
SCORING = {"X_train": np.full((160, 28, 28, 1), 0.5, "float32"), "eval_noise": np.zeros((500, 8), "float32"),
           "generator": lambda noise, training=False: np.zeros((len(noise), 28, 28, 1), "float32")}


START_SHARE = float(np.mean(np.abs(SCALED_START) >= 0.99 * CLIP))   # 0: semua di dalam 0,5c
RAW_SHARE = float(np.mean(np.abs(RAW_START) >= 0.99 * CLIP))       # bila penskalaan dilewati


def check_1(answer, **extra):
    import tensorflow as tf

    return run_check("10", 1, jawaban_1=answer, CLIP=CLIP, CLIP_STEPS=CLIP_STEPS, keras=KERAS, tf=tf,
                     make_critic=lambda: _FakeCritic(RAW_START), **SCORING, **extra)


@pytest.mark.parametrize("answer, kernels, steps, ok", [
    ((START_SHARE, SHARE), CLIPPED, CLIP_STEPS, True),
    ([np.float32(START_SHARE), np.float32(SHARE)], CLIPPED, CLIP_STEPS, True),
    ("tensor", CLIPPED, CLIP_STEPS, True),                               # porsi sebagai tensor satu angka
    ((0, SHARE), CLIPPED, CLIP_STEPS, True),                             # porsi_awal sebagai bilangan bulat 0
    ((RAW_SHARE, SHARE), CLIPPED, CLIP_STEPS, False),                    # penskalaan dilewati
    ((START_SHARE, 0.05), CLIPPED, CLIP_STEPS, False),                   # porsi_akhir dari kritikus lain
    ((START_SHARE, SHARE), _kernels(clipped=False), CLIP_STEPS, False),  # bobot tidak dipangkas
    ((START_SHARE, 100 * SHARE), CLIPPED, CLIP_STEPS, False),            # persen, bukan porsi
    (SHARE, CLIPPED, CLIP_STEPS, False),                                 # satu angka, bukan tuple
    ((START_SHARE, SHARE, SHARE), CLIPPED, CLIP_STEPS, False),           # tiga angka
    ((False, SHARE), CLIPPED, CLIP_STEPS, False),                        # bool
    (("0%", "sebagian besar"), CLIPPED, CLIP_STEPS, False),              # teks
    ((START_SHARE, SHARE), None, CLIP_STEPS, False),                     # tanpa clipped_critic
    (..., CLIPPED, CLIP_STEPS, False),                                   # belum dijawab
    ((START_SHARE, 0.0), SCALED_START, 0, False),                        # kritikus belum dilatih sama sekali
    ((START_SHARE, 0.0), SCALED_START, CLIP_STEPS, False),               # langkah dihitung, bobot tetap
    ((START_SHARE, SHARE), CLIPPED, CLIP_STEPS - 2, False),              # berhenti sebelum CLIP_STEPS
    ((START_SHARE, SHARE), CLIPPED, 2 * CLIP_STEPS, False),              # optimizer lama dipakai lagi
    ((START_SHARE, SHARE), CLIPPED, None, False),                        # tanpa clip_optimizer
])
def test_10_latihan_1(answer, kernels, steps, ok):
    if answer == "tensor":
        import tensorflow as tf

        answer = (tf.constant(START_SHARE), tf.reduce_mean(tf.cast(abs(CLIPPED) >= 0.99 * CLIP, tf.float32)))
    extra = {} if kernels is None else {"clipped_critic": _FakeCritic(kernels)}
    if steps is not None:
        extra["clip_optimizer"] = _FakeOptimizer(steps)
    out = check_1(answer, **extra)
    assert accepted(out) if ok else refused(out), out


def test_10_latihan_1_tanda_loss_terbalik():
    """Kritikus yang dilatih dengan loss bertanda terbalik memberi gambar buatan skor lebih
    tinggi (taksiran jarak negatif), walaupun porsi dan pemangkasannya tampak benar."""
    out = check_1((START_SHARE, SHARE), clipped_critic=_FakeCritic(CLIPPED, sign=-1.0),
                  clip_optimizer=_FakeOptimizer(CLIP_STEPS))
    assert refused(out) and "Tanda loss-nya terbalik" in out, out


@pytest.mark.parametrize("answer, ok", [
    (0.659, True), (0.6587, True),
    (0.5, False),      # hanya epsilon < 0
    (0.3173, False),   # |epsilon| > 1
    (0.1587, False),   # hanya epsilon > 1
    (0.341, False),    # porsi di dalam [0, 1]
    ("66%", False), ([0.659], False), (..., False),
])
def test_10_latihan_2(answer, ok):
    out = run_check("10", 2, jawaban_2=answer, math=math)
    assert accepted(out) if ok else refused(out), out


@pytest.fixture(scope="module")
def bn_context():
    """Kritikus kecil ber-BatchNorm dan dua batch yang sama-sama diawali gambar yang sama,
    ditambah norma-norma yang dipakai jawaban benar dan jawaban salah."""
    import keras
    import tensorflow as tf

    keras.utils.set_random_seed(0)
    model = keras.Sequential([keras.Input((28, 28, 1)), keras.layers.Flatten(),
                              keras.layers.Dense(8), keras.layers.BatchNormalization(),
                              keras.layers.LeakyReLU(0.2), keras.layers.Dense(1)])
    rng = np.random.default_rng(1)
    first = rng.uniform(-1, 1, (1, 28, 28, 1)).astype("float32")
    batch_a = np.concatenate([first, rng.uniform(-1, 1, (7, 28, 28, 1)).astype("float32")])
    batch_b = np.concatenate([first, rng.uniform(-1, 1, (7, 28, 28, 1)).astype("float32")])

    def grads(images):
        images = tf.convert_to_tensor(images)
        with tf.GradientTape() as tape:
            tape.watch(images)
            scores = model(images, training=True)
        return tape.gradient(scores, images)

    def first_norms_of(critic, batches):
        norms = []
        for images in batches:
            images = tf.convert_to_tensor(images)
            with tf.GradientTape() as tape:
                tape.watch(images)
                scores = critic(images, training=True)
            norms.append(float(tf.norm(tape.gradient(scores, images)[0])))
        return tuple(norms)

    first_norms = first_norms_of(model, (batch_a, batch_b))
    batch_norms = tuple(float(tf.norm(grads(b))) for b in (batch_a, batch_b))
    # Jawaban salah: batch B diawali gambar lain, sehingga normanya berbeda tanpa BatchNorm pun.
    other_first = np.concatenate([rng.uniform(-1, 1, (1, 28, 28, 1)).astype("float32"), batch_b[1:]])
    plain = keras.Sequential([keras.Input((28, 28, 1)), keras.layers.Flatten(), keras.layers.Dense(8),
                              keras.layers.LeakyReLU(0.2), keras.layers.Dense(1)])
    wrong = {
        "tanpa_batchnorm": ({"bn_critic": plain, "batch_b": other_first},
                            first_norms_of(plain, (batch_a, other_first))),
        "gambar_pertama_beda": ({"batch_b": other_first}, first_norms_of(model, (batch_a, other_first))),
    }
    # Sel cek memakai gradient_norms notebook (bagian 6); norma di atas dihitung sendiri di sini.
    nb10 = load_script("benchmarks/run.py").from_notebook("10_wgan_gp", ["NORM_EPS", "gradient_norms"])
    context = {"tf": tf, "keras": keras, "bn_critic": model, "batch_a": batch_a, "batch_b": batch_b,
               "gradient_norms": nb10.gradient_norms}
    return context, first_norms, batch_norms, wrong


@pytest.mark.parametrize("case, ok", [
    ("benar", True),
    ("benar_list", True),
    ("benar_tensor", True),            # gradient_norms(...)[0] tanpa float(): tensor satu angka
    ("norma_seluruh_batch", False),    # norma gradien seluruh batch, bukan gambar pertama
    ("tanpa_bn_critic", False),        # kritikus atau batch tidak bernama seperti di soal
    ("tanpa_batchnorm", False),        # kritikus tanpa BatchNorm, batch B diawali gambar lain
    ("gambar_pertama_beda", False),    # kritikus ber-BatchNorm, tetapi batch B diawali gambar lain
    ((0.54852, 0.54852), False),       # kritikus tanpa BatchNorm atau training=False
    ((0.0, 0.0), False),               # gradien terhadap bobot, bukan masukan
    ((float("nan"), 1.0), False),
    (1.8, False),                      # satu angka
    (("1,80", "1,77"), False),         # teks
    ((True, False), False),
    ((..., ...), False),
])
def test_10_latihan_3(bn_context, case, ok):
    context, first_norms, batch_norms, wrong = bn_context
    namespace = dict(context)
    if case == "benar":
        answer = first_norms
    elif case == "benar_list":
        answer = [np.float32(v) for v in first_norms]
    elif case == "benar_tensor":
        answer = tuple(context["tf"].constant(v) for v in first_norms)
    elif case == "norma_seluruh_batch":
        answer = batch_norms
    elif case == "tanpa_bn_critic":
        answer = first_norms
        del namespace["bn_critic"]
    elif case in wrong:
        replaced, answer = wrong[case]
        namespace.update(replaced)
        assert abs(answer[0] - answer[1]) > 1e-3 * max(answer)   # normanya memang berbeda
    else:
        answer = case
    assert abs(first_norms[0] - first_norms[1]) > 1e-3 * max(first_norms)
    out = run_check("10", 3, jawaban_3=answer, **namespace)
    assert accepted(out) if ok else refused(out), out
