"""Benchmark kursus: kecepatan dan kualitas model notebook vs implementasi acuan.

Setiap kelompok melatih, dalam satu proses, model notebook ("kita") di samping model acuan
yang arsitekturnya sama tetapi dilatih seperti tutorial TensorFlow/Keras yang terkenal:
`model.fit` pada larik NumPy dengan batch bawaan untuk autoencoder; `train_step` dua-tape
dalam `@tf.function` dengan pipa `tf.data` shuffle/batch 256 untuk GAN 07 dan 08 (tutorial DCGAN
TensorFlow); `train_step` dan hiperparameter contoh keras.io `conditional_gan` dan `wgan_gp` untuk
09 dan 10. Kelompok 02 dan 03 juga memuat arsitektur acuan yang diterbitkan untuk Fashion-MNIST.
Semua peserta satu kelompok mendapat anggaran waktu dinding yang sama, dilatih bergiliran dalam
beberapa putaran (agar beban lain di mesin mengenai semuanya sama rata), lalu dinilai pada data
uji.

Model "kita" tidak ditulis ulang di sini: definisinya (fungsi pembuat model, kelas VAE, langkah
pelatihan GAN) diambil langsung dari sel kode notebook.

Pemakaian (dari akar repositori):
    python benchmarks/run.py            # ukuran penuh; menulis benchmarks/HASIL.md
    python benchmarks/run.py --cepat    # beberapa detik per model; untuk uji dan mencoba
"""
import argparse
import ast
import json
import linecache
import math
import os
import platform
import sys
import time
from datetime import datetime, timezone
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"

# Ukuran batch autoencoder di notebook 02-06 (uji memastikan sama dengan notebook).
OUR_BATCH_SIZE = 128
GAN_BATCH_SIZE = 256
ROUNDS = 4
# --cepat: semua batch GAN dibagi angka ini. Kodenya sama; satu langkah WGAN-GP pada 5 batch
# 256 saja sudah beberapa detik di CPU, padahal uji hanya perlu setiap langkah benar-benar berjalan.
FAST_GAN_BATCH_DIVISOR = 4
# --cepat: anggarannya hanya beberapa detik. Lantai langkah per putaran ini menjamin setiap
# autoencoder benar-benar belajar (MSE uji < 0,1) juga di mesin yang lambat.
FAST_MIN_AE_STEPS = 10


# ---------------------------------------------------------------- definisi dari notebook
def _defined_name(node):
    if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
        return node.name
    if isinstance(node, ast.Assign) and len(node.targets) == 1 \
            and isinstance(node.targets[0], ast.Name):
        return node.targets[0].id
    return None


def from_notebook(stem, names):
    """Menjalankan definisi tingkat atas bernama `names` dari notebook `stem`.

    Sel solusi dan baris perintah IPython (`!`, `%`) dilewati. Mengembalikan SimpleNamespace.
    """
    import keras
    import numpy as np
    import tensorflow as tf

    path = NOTEBOOKS / f"{stem}.ipynb"
    found = {}
    for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
        if cell["cell_type"] != "code" or "solusi" in cell["metadata"].get("tags", []):
            continue
        lines = "".join(cell["source"]).splitlines()
        source = "\n".join(line for line in lines if not line.lstrip().startswith(("!", "%")))
        try:
            body = ast.parse(source).body
        except SyntaxError:
            continue
        for node in body:
            if _defined_name(node) in names:
                found[_defined_name(node)] = node
    missing = sorted(set(names) - set(found))
    if missing:
        sys.exit(f"{path.name}: definisi {missing} tidak ditemukan di sel kode notebook.")
    namespace = {"keras": keras, "layers": keras.layers, "ops": keras.ops, "tf": tf, "np": np}
    source = ast.unparse(ast.Module(body=[found[name] for name in names], type_ignores=[]))
    # Sumbernya didaftarkan di linecache agar AutoGraph (tf.function) dapat membacanya.
    filename = f"<{path.name}>"
    linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
    exec(compile(source, filename, "exec"), namespace)
    return SimpleNamespace(**{name: namespace[name] for name in names})


# ---------------------------------------------------------------- peserta autoencoder
class KerasContestant:
    """Model Keras yang dilatih dengan `fit` (masukan = target) sepotong waktu demi sepotong."""

    def __init__(self, label, method, build, data, batch_size, compile_args):
        self.label, self.method, self.batch_size = label, method, batch_size
        self.x_train, self.x_test = data
        self.model = build()
        self.model.compile(**compile_args)
        self.images, self.seconds = 0, 0.0

    def train_for(self, seconds, min_steps=0):
        import keras

        class Clock(keras.callbacks.Callback):
            """Menghentikan fit setelah `seconds` (dan `min_steps` langkah); mencatat laju
            setelah panggilan graf pertama."""

            def on_train_begin(self, logs=None):
                self.start = time.perf_counter()
                self.start_steps = int(self.model.optimizer.iterations.numpy())
                self.first = None

            def on_train_batch_end(self, batch, logs=None):
                now, steps = time.perf_counter(), int(self.model.optimizer.iterations.numpy())
                if self.first is None:
                    self.first = (now, steps)
                self.last = (now, steps)
                if now - self.start >= seconds and steps - self.start_steps >= min_steps:
                    self.model.stop_training = True

        clock = Clock()
        self.model.fit(self.x_train, self.x_train, batch_size=self.batch_size, epochs=10**6,
                       verbose=0, callbacks=[clock])
        self.images += (clock.last[1] - clock.first[1]) * self.batch_size
        self.seconds += clock.last[0] - clock.first[0]

    def quality(self):
        import numpy as np

        reconstructions = self.model.predict(self.x_test, batch_size=500, verbose=0)
        mse = float(np.mean((self.x_test - reconstructions.reshape(self.x_test.shape)) ** 2))
        return {"MSE uji": mse}, f"MSE uji {mse:.4f}"


def published_dense():
    """Acuan terbit (Géron, Hands-On ML edisi 3, bab 17): 784-100-30-100-784, MSE, Nadam."""
    import keras
    from keras import layers

    return keras.Sequential([
        keras.Input(shape=(28, 28)), layers.Flatten(),
        layers.Dense(100, activation="relu"), layers.Dense(30, activation="relu"),
        layers.Dense(100, activation="relu"), layers.Dense(28 * 28), layers.Reshape((28, 28)),
    ], name="acuan_padat_100_30")


def published_conv():
    """Acuan terbit (Géron, bab 17): konvolusional 16-32-64 dengan kode 30 angka, MSE, Nadam."""
    import keras
    from keras import layers

    return keras.Sequential([
        keras.Input(shape=(28, 28, 1)),
        layers.Conv2D(16, 3, padding="same", activation="relu"), layers.MaxPooling2D(2),
        layers.Conv2D(32, 3, padding="same", activation="relu"), layers.MaxPooling2D(2),
        layers.Conv2D(64, 3, padding="same", activation="relu"), layers.MaxPooling2D(2),
        layers.Conv2D(30, 3, padding="same", activation="relu"), layers.GlobalAveragePooling2D(),
        layers.Dense(3 * 3 * 16), layers.Reshape((3, 3, 16)),
        layers.Conv2DTranspose(32, 3, strides=2, activation="relu"),
        layers.Conv2DTranspose(16, 3, strides=2, padding="same", activation="relu"),
        layers.Conv2DTranspose(1, 3, strides=2, padding="same"),
    ], name="acuan_konv_kode30")


def autoencoder_groups(fashion, fashion_4d):
    """Kelompok 02-06: [kita, acuan gaya tutorial] (+ acuan terbit untuk 02 dan 03)."""
    import keras

    nb02 = from_notebook("02_autoencoder_bertumpuk", ["CODING_SIZE", "make_encoder", "make_decoder"])
    nb03 = from_notebook("03_autoencoder_konvolusional",
                         ["make_conv_encoder", "make_upsampling_decoder"])
    nb04 = from_notebook("04_autoencoder_denoising", ["DROP_RATE", "make_denoiser"])
    nb05 = from_notebook("05_autoencoder_sparse",
                         ["KL_WEIGHT", "RHO", "SparsityPenalty", "KLDivergenceRegularizer",
                          "make_sparse_autoencoder"])
    nb06 = from_notebook("06_autoencoder_variasional",
                         ["LATENT_DIM", "Sampling", "make_encoder", "make_decoder",
                          "reconstruction_loss", "kl_divergence", "VAE"])
    builders = {
        "02 AE bertumpuk": (lambda: keras.Sequential([nb02.make_encoder(), nb02.make_decoder()]),
                            fashion, "binary_crossentropy"),
        "03 AE konvolusional": (lambda: keras.Sequential([nb03.make_conv_encoder(),
                                                          nb03.make_upsampling_decoder()]),
                                fashion_4d, "binary_crossentropy"),
        "04 AE denoising (dropout)": (lambda: nb04.make_denoiser(
            keras.layers.Dropout(nb04.DROP_RATE, seed=42)), fashion, "binary_crossentropy"),
        "05 AE sparse (KL)": (lambda: nb05.make_sparse_autoencoder(
            nb05.KLDivergenceRegularizer(nb05.KL_WEIGHT, nb05.RHO))[0],
                              fashion, "binary_crossentropy"),
        "06 VAE": (lambda: nb06.VAE(nb06.make_encoder(nb06.LATENT_DIM),
                                    nb06.make_decoder(nb06.LATENT_DIM)), fashion, None),
    }
    groups = {}
    for name, (build, data, loss) in builders.items():
        def adam(loss=loss):
            return {"loss": loss, "optimizer": keras.optimizers.Adam(1e-3)}
        # Contoh VAE keras.io memakai batch 128; tutorial autoencoder memakai bawaan fit (32).
        reference_batch = 128 if loss is None else 32
        groups[name] = [
            KerasContestant("kita", f"fit seperti notebook, batch {OUR_BATCH_SIZE}", build, data,
                            OUR_BATCH_SIZE, adam()),
            KerasContestant("acuan (arsitektur sama)", f"fit gaya tutorial, batch {reference_batch}",
                            build, data, reference_batch, adam()),
        ]
    nadam_mse = {"loss": "mse", "optimizer": "nadam"}
    groups["02 AE bertumpuk"].append(KerasContestant(
        "acuan terbit: padat 784-100-30, MSE, Nadam", "fit gaya tutorial, batch 32",
        published_dense, fashion, 32, nadam_mse))
    groups["03 AE konvolusional"].append(KerasContestant(
        "acuan terbit: konvolusional kode 30, MSE, Nadam", "fit gaya tutorial, batch 32",
        published_conv, fashion_4d, 32, nadam_mse))
    return groups


# ---------------------------------------------------------------- peserta GAN
def tutorial_train_step(generator, discriminator, noise_dim):
    """Langkah gaya tutorial DCGAN TensorFlow: dua tape sekaligus, satu forward G, Adam 1e-4."""
    import keras
    import tensorflow as tf

    cross_entropy = keras.losses.BinaryCrossentropy(from_logits=True)
    g_optimizer, d_optimizer = keras.optimizers.Adam(1e-4), keras.optimizers.Adam(1e-4)

    @tf.function
    def train_step(images):
        noise = tf.random.normal([tf.shape(images)[0], noise_dim])
        with tf.GradientTape() as gen_tape, tf.GradientTape() as disc_tape:
            generated = generator(noise, training=True)
            real_output = discriminator(images, training=True)
            fake_output = discriminator(generated, training=True)
            gen_loss = cross_entropy(tf.ones_like(fake_output), fake_output)
            disc_loss = (cross_entropy(tf.ones_like(real_output), real_output)
                         + cross_entropy(tf.zeros_like(fake_output), fake_output))
        gen_grads = gen_tape.gradient(gen_loss, generator.trainable_variables)
        disc_grads = disc_tape.gradient(disc_loss, discriminator.trainable_variables)
        g_optimizer.apply_gradients(zip(gen_grads, generator.trainable_variables))
        d_optimizer.apply_gradients(zip(disc_grads, discriminator.trainable_variables))

    return train_step


def keras_io_conditional_step(generator, discriminator, noise_dim):
    """Langkah gaya contoh keras.io `conditional_gan`: D melihat satu batch gabungan [buatan; asli]
    dengan target 1 = buatan, lalu G dilatih dengan derau baru; Adam 3e-4 (beta bawaan).

    Contoh itu memanggil modelnya tanpa `training=`; modelnya tidak punya BatchNorm atau Dropout,
    model notebook 09 punya, jadi di sini `training=True` seperti maksud contoh itu.
    """
    import keras
    import tensorflow as tf

    cross_entropy = keras.losses.BinaryCrossentropy(from_logits=True)
    g_optimizer, d_optimizer = keras.optimizers.Adam(3e-4), keras.optimizers.Adam(3e-4)

    @tf.function
    def train_step(images, labels):
        batch = tf.shape(images)[0]
        fake = generator([tf.random.normal([batch, noise_dim]), labels], training=True)
        combined, both_labels = tf.concat([fake, images], 0), tf.concat([labels, labels], 0)
        targets = tf.concat([tf.ones([batch, 1]), tf.zeros([batch, 1])], 0)
        with tf.GradientTape() as tape:
            d_loss = cross_entropy(targets, discriminator([combined, both_labels], training=True))
        grads = tape.gradient(d_loss, discriminator.trainable_variables)
        d_optimizer.apply_gradients(zip(grads, discriminator.trainable_variables))
        with tf.GradientTape() as tape:
            fake = generator([tf.random.normal([batch, noise_dim]), labels], training=True)
            logits = discriminator([fake, labels], training=True)
            g_loss = cross_entropy(tf.zeros_like(logits), logits)     # 0 = "asli" di contoh itu
        grads = tape.gradient(g_loss, generator.trainable_variables)
        g_optimizer.apply_gradients(zip(grads, generator.trainable_variables))

    return train_step


def keras_io_wgan_gp_step(generator, critic, noise_dim, critic_steps=3, gp_weight=10.0):
    """Langkah gaya contoh keras.io `wgan_gp`: 3 langkah kritikus pada batch asli yang sama, lalu
    satu langkah G; Adam(2e-4, beta_1=0,5, beta_2=0,9). Penaltinya juga seperti contoh itu:
    koefisien interpolasi dari N(0, 1) (makalah: U(0, 1)) dan norma tanpa delta di dalam akar."""
    import keras
    import tensorflow as tf

    g_optimizer = keras.optimizers.Adam(2e-4, beta_1=0.5, beta_2=0.9)
    c_optimizer = keras.optimizers.Adam(2e-4, beta_1=0.5, beta_2=0.9)

    def penalty(real, fake):
        alpha = tf.random.normal([tf.shape(real)[0], 1, 1, 1], 0.0, 1.0)
        mixed = real + alpha * (fake - real)
        with tf.GradientTape() as tape:
            tape.watch(mixed)
            scores = critic(mixed, training=True)
        norm = tf.sqrt(tf.reduce_sum(tf.square(tape.gradient(scores, mixed)), axis=[1, 2, 3]))
        return tf.reduce_mean((norm - 1.0) ** 2)

    @tf.function
    def train_step(images):
        batch = tf.shape(images)[0]
        for _ in range(critic_steps):
            with tf.GradientTape() as tape:
                fake = generator(tf.random.normal([batch, noise_dim]), training=True)
                c_loss = (tf.reduce_mean(critic(fake, training=True))
                          - tf.reduce_mean(critic(images, training=True))
                          + gp_weight * penalty(images, fake))
            grads = tape.gradient(c_loss, critic.trainable_variables)
            c_optimizer.apply_gradients(zip(grads, critic.trainable_variables))
        with tf.GradientTape() as tape:
            fake = generator(tf.random.normal([batch, noise_dim]), training=True)
            g_loss = -tf.reduce_mean(critic(fake, training=True))
        grads = tape.gradient(g_loss, generator.trainable_variables)
        g_optimizer.apply_gradients(zip(grads, generator.trainable_variables))

    return train_step


def _leading(batch, n):
    """`n` contoh pertama sebuah batch, juga untuk batch berupa pasangan (gambar, label)."""
    return tuple(part[:n] for part in batch) if isinstance(batch, tuple) else batch[:n]


class GanContestant:
    """Pasangan G dan D yang dilatih langkah demi langkah dari iterator tf.data yang berulang.

    Batch berupa pasangan (gambar, label) untuk GAN bersyarat; "gambar dilatih" menghitung
    gambar asli yang dipakai, juga bila satu langkah memakai beberapa batch (WGAN-GP 10).
    """

    def __init__(self, label, method, nb, make_step, dataset, x_test, fetch_stats, remainder=0):
        self.label, self.method, self.nb = label, method, nb
        # WGAN-GP (notebook 10) menyebut D-nya kritikus.
        make_d = nb.make_critic if hasattr(nb, "make_critic") else nb.make_discriminator
        self.generator, self.discriminator = nb.make_generator(), make_d()
        self.conditional = len(self.generator.inputs) == 2
        self.train_step = make_step(self.generator, self.discriminator)
        self.batches = iter(dataset.repeat())
        self.x_test, self.fetch_stats, self.remainder = x_test, fetch_stats, remainder
        self.images, self.seconds = 0, 0.0

    def _step(self, batch):
        return self.train_step(*batch) if isinstance(batch, tuple) else self.train_step(batch)

    def warm_up(self):
        """Menelusuri graf sebelum waktu dihitung (juga untuk batch sisa yang lebih kecil)."""
        batch = next(self.batches)
        self._step(batch)
        if self.remainder:
            self._step(_leading(batch, self.remainder))

    def train_for(self, seconds, min_steps=0):
        start, steps = time.perf_counter(), 0
        while True:
            batch = next(self.batches)
            stats = self._step(batch)
            if self.fetch_stats:          # run_epoch di notebook mengambil statistik tiap langkah
                stats.numpy()
            images = batch[0] if isinstance(batch, tuple) else batch
            self.images += int(math.prod(images.shape[:-3]))
            steps += 1
            elapsed = time.perf_counter() - start
            if elapsed >= seconds and steps >= min_steps:
                break
        self.seconds += elapsed

    def quality(self, classifier, n_samples):
        import numpy as np
        import tensorflow as tf

        import helpers

        noise = tf.random.normal([n_samples, self.nb.NOISE_DIM], seed=7)
        labels = (np.arange(n_samples) % 10).astype("int32")   # bersyarat: setiap kelas sama banyak
        generated = self.generator.predict([noise, labels] if self.conditional else noise,
                                           batch_size=500, verbose=0)
        n_real = min(n_samples, len(self.x_test))
        fd = helpers.frechet_distance(generated[:n_real], self.x_test[:n_real], classifier)
        coverage = helpers.class_coverage(generated, classifier, verbose=False)
        values = {"Fréchet": fd, "kelas hadir": coverage["classes_present"],
                  "porsi terkecil": coverage["min_share"]}
        text = (f"Fréchet {fd:.1f}; {coverage['classes_present']}/10 kelas, "
                f"terkecil {100 * coverage['min_share']:.1f}%")
        if self.conditional:
            fidelity = helpers.class_fidelity(generated, labels, classifier, verbose=False)
            values["kesetiaan"] = fidelity["overall"]
            text += f"; kesetiaan kelas {100 * fidelity['overall']:.1f}%"
        return values, text


def gan_groups(train, test):
    """Kelompok 07-10. `train` dan `test`: (gambar di [-1, 1] berbentuk (N, 28, 28, 1), label)."""
    import keras
    import tensorflow as tf

    import helpers

    (x_train, y_train), (x_test, _) = train, test
    n = len(x_train)

    def size(batch):
        return batch // FAST_GAN_BATCH_DIVISOR if helpers.fast_mode() else batch

    ours_batch = size(GAN_BATCH_SIZE)

    def notebook_pipeline(data):
        # Pipa notebook: shuffle berbenih, batch utuh, prefetch.
        return (tf.data.Dataset.from_tensor_slices(data).shuffle(n, seed=42)
                .batch(ours_batch, drop_remainder=True))

    def two_phase(nb):
        def ours(generator, discriminator):
            return nb.make_train_step(generator, discriminator,
                                      keras.optimizers.Adam(2e-4, beta_1=0.5),
                                      keras.optimizers.Adam(2e-4, beta_1=0.5))
        return ours

    groups = {}
    for name, stem in [("07 GAN padat", "07_gan"), ("08 DCGAN", "08_dcgan")]:
        nb = from_notebook(stem, ["NOISE_DIM", "make_generator", "make_discriminator",
                                  "cross_entropy", "make_train_step"])

        def tutorial(generator, discriminator, nb=nb):
            return tutorial_train_step(generator, discriminator, nb.NOISE_DIM)

        groups[name] = [
            GanContestant("kita", f"train_step dua fase (notebook) + tf.data prefetch, batch {ours_batch}",
                          nb, two_phase(nb), notebook_pipeline(x_train).prefetch(tf.data.AUTOTUNE),
                          x_test, fetch_stats=True),
            GanContestant("acuan (arsitektur sama)",
                          f"train_step dua tape gaya tutorial + tf.data, batch {size(256)}", nb, tutorial,
                          tf.data.Dataset.from_tensor_slices(x_train).shuffle(60_000)
                          .batch(size(256)), x_test, fetch_stats=False, remainder=n % size(256)),
        ]

    nb09 = from_notebook("09_gan_bersyarat", ["NOISE_DIM", "N_CLASSES", "LABEL_DIM_G",
                                              "make_generator", "make_discriminator",
                                              "cross_entropy", "make_train_step"])
    labelled = (x_train, y_train.astype("int32"))
    groups["09 GAN bersyarat"] = [
        GanContestant("kita", f"train_step dua fase (notebook) + tf.data prefetch, batch {ours_batch}",
                      nb09, two_phase(nb09), notebook_pipeline(labelled).prefetch(tf.data.AUTOTUNE),
                      x_test, fetch_stats=True),
        GanContestant("acuan (arsitektur sama)",
                      "train_step gaya keras.io conditional_gan: batch gabungan, Adam 3e-4, "
                      f"shuffle 1.024, batch {size(64)}", nb09,
                      lambda g, d: keras_io_conditional_step(g, d, nb09.NOISE_DIM),
                      tf.data.Dataset.from_tensor_slices(labelled).shuffle(1024).batch(size(64)),
                      x_test, fetch_stats=False, remainder=n % size(64)),
    ]

    nb10 = from_notebook("10_wgan_gp", ["NOISE_DIM", "N_CRITIC", "GP_WEIGHT", "NORM_EPS",
                                        "make_generator", "make_critic", "interpolation_weights",
                                        "gradient_norms", "gradient_penalty", "make_train_step"])

    def ours10(generator, critic):
        return nb10.make_train_step(generator, critic,
                                    keras.optimizers.Adam(1e-4, beta_1=0.0, beta_2=0.9),
                                    keras.optimizers.Adam(1e-4, beta_1=0.0, beta_2=0.9))

    groups["10 WGAN-GP"] = [
        GanContestant("kita", f"{nb10.N_CRITIC} langkah kritikus pada {nb10.N_CRITIC} batch baru "
                      f"(notebook), Adam 1e-4 / 0 / 0,9, batch {ours_batch}", nb10, ours10,
                      notebook_pipeline(x_train).batch(nb10.N_CRITIC, drop_remainder=True)
                      .prefetch(tf.data.AUTOTUNE), x_test, fetch_stats=True),
        GanContestant("acuan (arsitektur sama)",
                      "train_step gaya keras.io wgan_gp: 3 langkah kritikus pada batch yang sama, "
                      f"α ~ N(0, 1), Adam 2e-4 / 0,5 / 0,9, batch {size(512)}", nb10,
                      lambda g, c: keras_io_wgan_gp_step(g, c, nb10.NOISE_DIM),
                      tf.data.Dataset.from_tensor_slices(x_train).shuffle(n).batch(size(512)),
                      x_test, fetch_stats=False, remainder=n % size(512)),
    ]
    return groups


# ---------------------------------------------------------------- menjalankan dan melaporkan
def race(group, budget, min_steps=0):
    """Melatih semua peserta bergiliran: ROUNDS putaran, urutan dibalik setiap putaran."""
    for round_number in range(ROUNDS):
        order = group if round_number % 2 == 0 else group[::-1]
        for contestant in order:
            contestant.train_for(budget / ROUNDS, min_steps)


def machine_description():
    import keras
    import tensorflow as tf

    cpu = platform.processor() or platform.machine()
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    memory = ""
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        kib = int(meminfo.read_text().split()[1])
        memory = f", RAM {kib / 2**20:.0f} GiB"
    gpus = [g.name for g in tf.config.list_physical_devices("GPU")]
    return (f"{cpu}, {len(os.sched_getaffinity(0)) if hasattr(os, 'sched_getaffinity') else os.cpu_count()}"
            f" inti yang dapat dipakai{memory}; GPU: {', '.join(gpus) if gpus else 'tidak ada'}; "
            f"{platform.system()} {platform.release()}; Python {platform.python_version()}, "
            f"TensorFlow {tf.__version__}, Keras {keras.__version__}")


def _thousands(n):
    """Bilangan bulat dengan titik pemisah ribuan (gaya Indonesia): 55000 -> 55.000."""
    return f"{n:,}".replace(",", ".")


def report(results, args, data_info, elapsed):
    lines = ["# Hasil benchmark kursus", "",
             f"- Perintah: `{' '.join(['python benchmarks/run.py', *sys.argv[1:]])}`",
             f"- Tanggal: {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC",
             f"- Mesin: {machine_description()}",
             f"- Data: {data_info}",
             f"- Anggaran waktu per peserta: {args.detik_ae:g} dtk (autoencoder), "
             f"{args.detik_gan:g} dtk (GAN), dibagi dalam {ROUNDS} putaran bergiliran"
             + (f", autoencoder minimal {FAST_MIN_AE_STEPS} langkah per putaran" if args.cepat else "")
             + f"; lama seluruh benchmark {elapsed / 60:.1f} menit.", "",
             "**img/dtk**: gambar latih per detik dalam keadaan tunak (setelah graf ditelusuri). "
             "**Rasio**: img/dtk kita dibagi img/dtk acuan yang arsitekturnya sama, "
             "diukur bergiliran dalam proses yang sama. **Kualitas uji**: setelah anggaran waktu "
             "yang sama; MSE rekonstruksi untuk autoencoder, jarak Fréchet di ruang fitur "
             "klasifikator dan cakupan kelas untuk GAN (makin kecil Fréchet makin baik).", "",
             "| Kelompok | Peserta | Cara latih | img/dtk | Rasio | Gambar dilatih | Kualitas uji |",
             "|---|---|---|---:|---:|---:|---|"]
    summary = []
    for group_name, rows in results.items():
        reference_rate = rows[1]["rate"]
        for row in rows:
            ratio = f"{row['rate'] / reference_rate:.2f}" if row is rows[0] else (
                "1.00" if row is rows[1] else "—")
            lines.append(f"| {group_name} | {row['label']} | {row['method']} | "
                         f"{row['rate']:.0f} | {ratio} | {row['images']} | "
                         f"{row['quality_text']} |")
        summary.append((group_name, rows[0]["rate"] / reference_rate))
    lines += ["", "Rasio kecepatan kita / acuan: " + "; ".join(
        f"{name} {ratio:.2f}" for name, ratio in summary) + ".", ""]
    return "\n".join(lines)


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cepat", action="store_true",
                        help="anggaran beberapa detik dan data kecil (untuk uji)")
    parser.add_argument("--detik-ae", type=float, default=None,
                        help="anggaran per peserta autoencoder (bawaan 60; --cepat: 0,5)")
    parser.add_argument("--detik-gan", type=float, default=None,
                        help="anggaran per peserta GAN (bawaan 180; --cepat: 1)")
    parser.add_argument("--kelompok", nargs="*", default=None,
                        help="hanya kelompok yang namanya diawali nomor ini, mis. 02 08")
    parser.add_argument("--keluaran", type=Path, default=None,
                        help="berkas Markdown hasil (bawaan benchmarks/HASIL.md; "
                             "--cepat: keluaran/benchmark/HASIL_cepat.md)")
    args = parser.parse_args(argv)
    if args.detik_ae is None:
        args.detik_ae = 0.5 if args.cepat else 60.0
    if args.detik_gan is None:
        args.detik_gan = 1.0 if args.cepat else 180.0
    if args.detik_ae <= 0 or args.detik_gan <= 0:
        parser.error("anggaran detik harus lebih dari 0")
    return args


def main(argv=None):
    args = parse_args(argv)
    os.environ["KURSUS_CEPAT"] = "1" if args.cepat else "0"
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    sys.path.insert(0, str(ROOT))
    import tensorflow as tf

    import helpers

    tf.get_logger().setLevel("ERROR")   # peringatan retracing predict tidak relevan di sini

    helpers.setup(seed=42)
    started = time.perf_counter()
    n_train = helpers.sample_count(55_000, fast=2048)
    n_test = helpers.sample_count(10_000, fast=500)
    n_mnist = helpers.sample_count(60_000, fast=2048)   # GAN: seluruh data latih, seperti notebook 07-10

    (x_train, _), _, (x_test, _) = helpers.load_fashion_splits()
    fashion = (x_train[:n_train], x_test[:n_test])
    fashion_4d = tuple(x[..., None] for x in fashion)
    (m_train, m_labels), (m_test, m_test_labels) = helpers.load_mnist()
    mnist = [(((x.astype("float32") - 127.5) / 127.5)[..., None], y)
             for x, y in ((m_train[:n_mnist], m_labels[:n_mnist]), (m_test, m_test_labels))]
    data_info = (f"Fashion-MNIST {_thousands(len(fashion[0]))} latih / {_thousands(len(fashion[1]))} "
                 f"uji, MNIST {_thousands(len(mnist[0][0]))} latih / {_thousands(len(mnist[1][0]))} uji")

    plan = {**autoencoder_groups(fashion, fashion_4d), **gan_groups(*mnist)}
    if args.kelompok:
        plan = {k: v for k, v in plan.items() if k.split()[0] in args.kelompok}
        if not plan:
            sys.exit(f"Tidak ada kelompok dengan nomor {args.kelompok}; pilih dari 02-10.")
    classifier = helpers.load_classifier("mnist", verbose=False) if any(
        isinstance(g[0], GanContestant) for g in plan.values()) else None
    n_eval = helpers.sample_count(2000, fast=500)

    results = {}
    for name, group in plan.items():
        is_gan = isinstance(group[0], GanContestant)
        for contestant in group:
            if is_gan:
                contestant.warm_up()
            else:
                contestant.train_for(0.0)   # satu panggilan graf: menelusuri dan mengompilasi
                contestant.images, contestant.seconds = 0, 0.0
        if is_gan:
            race(group, args.detik_gan)
        else:
            race(group, args.detik_ae, FAST_MIN_AE_STEPS if args.cepat else 0)
        rows = []
        for contestant in group:
            values, text = (contestant.quality(classifier, n_eval) if is_gan
                            else contestant.quality())
            rows.append({"label": contestant.label, "method": contestant.method,
                         "rate": contestant.images / max(contestant.seconds, 1e-9),
                         "images": contestant.images, "quality": values, "quality_text": text})
            print(f"{name:28s} {contestant.label:48s} {rows[-1]['rate']:9.0f} img/dtk  {text}",
                  flush=True)
        results[name] = rows

    text = report(results, args, data_info, time.perf_counter() - started)
    target = args.keluaran or (helpers.output_dir("benchmark") / "HASIL_cepat.md" if args.cepat
                               else ROOT / "benchmarks" / "HASIL.md")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    (target.with_suffix(".json")).write_text(json.dumps(results, indent=1, default=float),
                                             encoding="utf-8")
    print(f"\nHasil ditulis ke {target}")
    return results


if __name__ == "__main__":
    main()
