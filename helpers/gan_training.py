"""Kerangka pelatihan GAN yang dapat dilanjutkan: checkpoint, riwayat, kisi kemajuan, GIF.

Langkah pelatihan dua fase (pelajarannya) tetap ditulis di notebook; modul ini hanya
mengurus yang ada di sekelilingnya. Dipakai notebook 07, 08, 09, dan 10:

    run = helpers.GanTraining("08_dcgan", generator, discriminator, g_optimizer, d_optimizer,
                              fixed_noise=FIXED_NOISE, hparams={"batch": 256, ...})
    run.train(lambda: run_epoch(train_step, dataset), epochs=10)

Setiap kombinasi hiperparameter mendapat folder sendiri (``run_<sidik>``), jadi mengubah laju
belajar atau arsitektur tidak pernah diam-diam memuat bobot lama.
"""
import hashlib
import json
import math
import shutil
import time
from pathlib import Path

import numpy as np

from .config import output_base, output_dir
from .evaluation import decimal, thousands

COLUMNS = ("loss_D", "loss_G", "D_x", "D_G_z", "detik")
_OPTIMIZER_KEYS = ("learning_rate", "beta_1", "beta_2", "epsilon")


def save_outputs_to_drive(enabled, folder="kursus_autoencoder_gan"):
    """Bila ``enabled`` dan berjalan di Google Colab: memasang Google Drive dan mengarahkan
    ``helpers.output_dir`` (checkpoint, gambar) ke ``MyDrive/<folder>/keluaran``. Notebook 07-10.

    Panggil sebelum ``helpers.output_dir``/``GanTraining``. Mencetak folder induk keluaran.
    """
    import os
    import sys

    if not isinstance(enabled, bool):
        raise ValueError(f"Sakelar Drive harus True atau False, bukan {enabled!r}.")
    drive_base = f"/content/drive/MyDrive/{folder}/keluaran"
    if not enabled and os.environ.get("KURSUS_OUTPUT_DIR") == drive_base:
        del os.environ["KURSUS_OUTPUT_DIR"]  # kembali ke disk lokal di kernel yang sama
    if enabled and "google.colab" not in sys.modules:
        print("Bukan di Google Colab: Google Drive tidak dipasang, keluaran tetap di disk ini.")
    elif enabled:
        from google.colab import drive

        drive.mount("/content/drive")
        os.environ["KURSUS_OUTPUT_DIR"] = drive_base
    print(f"Folder keluaran: {output_base()}")


def _plain(value):
    """Nilai hiperparameter sebagai tipe JSON biasa (angka NumPy/TF menjadi float/int)."""
    if isinstance(value, (bool, int, float, str)) or value is None:
        return value
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    try:
        return float(np.asarray(value))
    except (TypeError, ValueError):
        return str(value)


def _number(value, digits):
    """Angka baris log dengan koma desimal; NaN dan tak hingga tetap tertulis apa adanya, agar
    pelatihan yang meledak terlihat di log."""
    return decimal(value, digits) if math.isfinite(value) else str(float(value))


def fingerprint(hparams, generator, discriminator, g_optimizer, d_optimizer):
    """Isi dan sidik (12 heksadesimal) dari semua yang menentukan sebuah run: hiperparameter
    yang disebut notebook, arsitektur G dan D (konfigurasi Keras setiap lapisan) beserta jumlah
    parameternya, dan setelan kedua optimizer. Kode ``train_step`` sendiri tidak ikut: ubahan
    pada langkah pelatihan harus disebut di ``hparams`` atau dimulai dengan ``start_over``."""
    def optimizer_config(opt):
        config = opt.get_config()
        return {"kelas": type(opt).__name__,
                **{k: _plain(config[k]) for k in _OPTIMIZER_KEYS if k in config}}

    def without_names(config):
        """Konfigurasi tanpa nama lapisan: Keras menomori nama otomatis (dense_3, dense_7)."""
        if isinstance(config, dict):
            return {k: without_names(v) for k, v in config.items() if k != "name"}
        if isinstance(config, list):
            return [without_names(v) for v in config]
        return config

    def architecture(model):
        text = json.dumps(without_names(_plain(model.get_config())), sort_keys=True)
        return hashlib.sha256(text.encode()).hexdigest()[:12]

    content = {
        "hparams": _plain(dict(hparams)),
        "parameter_G": int(generator.count_params()),
        "parameter_D": int(discriminator.count_params()),
        "arsitektur_G": architecture(generator),   # lapisan, aktivasi, dropout, kemiringan...
        "arsitektur_D": architecture(discriminator),
        "optimizer_G": optimizer_config(g_optimizer),
        "optimizer_D": optimizer_config(d_optimizer),
    }
    text = json.dumps(content, sort_keys=True)
    return content, hashlib.sha256(text.encode()).hexdigest()[:12]


class GanTraining:
    """Pelatihan GAN per epoch yang selalu melanjutkan dari checkpoint terakhir run ini.

    Checkpoint (``tf.train.Checkpoint``) memuat bobot G dan D (termasuk statistik BatchNorm),
    kedua optimizer (momen Adam dan jumlah langkah), penghitung epoch, dan riwayat per epoch.
    Tidak ikut tersimpan: urutan acak ``tf.data`` dan aliran derau acak di langkah pelatihan;
    setelah dilanjutkan keduanya mulai lagi dari benihnya.

    GAN bersyarat (notebook 09): beri ``fixed_labels`` (satu kelas bilangan bulat untuk setiap
    baris ``fixed_noise``), maka kisi kemajuan dibuat dengan ``generator([fixed_noise, fixed_labels])``.
    """

    def __init__(self, name, generator, discriminator, g_optimizer, d_optimizer, fixed_noise,
                 hparams=None, checkpoint_every=5, max_to_keep=2, start_over=False, fixed_labels=None):
        import tensorflow as tf

        for arg, value in (("checkpoint_every", checkpoint_every), ("max_to_keep", max_to_keep)):
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise ValueError(f"{arg} harus bilangan bulat >= 1, bukan {value!r}.")
        if not isinstance(start_over, bool):
            raise ValueError(f"start_over (MULAI_BARU) harus True atau False, bukan {start_over!r}.")
        if hparams is not None and not isinstance(hparams, dict):
            raise ValueError(f"hparams harus dict, mis. {{'batch': 256}}, bukan {hparams!r}.")
        self.generator, self.discriminator = generator, discriminator
        self.g_optimizer, self.d_optimizer = g_optimizer, d_optimizer
        self.fixed_noise = tf.convert_to_tensor(fixed_noise, dtype=tf.float32)
        self.fixed_labels = None
        if fixed_labels is not None:  # GAN bersyarat (notebook 09): G dipanggil dengan [z, label]
            labels = np.asarray(fixed_labels)
            if labels.shape != (len(fixed_noise),) or labels.dtype.kind not in "iu":
                raise ValueError("fixed_labels harus larik bilangan bulat (kelas) sepanjang fixed_noise, "
                                 f"bentuk ({len(fixed_noise)},); diterima {labels.dtype} {labels.shape}.")
            self.fixed_labels = tf.convert_to_tensor(labels, dtype=tf.int32)
        self.checkpoint_every = checkpoint_every

        self.settings, key = fingerprint(hparams or {}, generator, discriminator,
                                         g_optimizer, d_optimizer)
        self.folder = output_dir(name) / f"run_{key}"
        if start_over:
            shutil.rmtree(self.folder, ignore_errors=True)
            print("PERHATIAN: MULAI_BARU aktif, checkpoint dan gambar run ini DIHAPUS. Setel "
                  "kembali ke False setelah sel ini, agar menjalankan ulang notebook melanjutkan "
                  "pelatihan alih-alih menghapusnya lagi.")
        self.folder.mkdir(parents=True, exist_ok=True)
        import keras

        record = {**self.settings, "versi": {"tensorflow": tf.__version__, "keras": keras.__version__}}
        (self.folder / "hiperparameter.json").write_text(
            json.dumps(record, indent=2, sort_keys=True) + "\n", encoding="utf-8")

        # Variabel Adam dibuat sekarang agar checkpoint dapat langsung mengisinya.
        g_optimizer.build(generator.trainable_variables)
        d_optimizer.build(discriminator.trainable_variables)
        self._epoch = tf.Variable(0, dtype=tf.int64)
        self._history = tf.Variable(tf.zeros([0, len(COLUMNS)]),
                                    shape=tf.TensorShape([None, len(COLUMNS)]))
        self.checkpoint = tf.train.Checkpoint(
            generator=generator, discriminator=discriminator, g_optimizer=g_optimizer,
            d_optimizer=d_optimizer, epoch=self._epoch, history=self._history)
        self.manager = tf.train.CheckpointManager(self.checkpoint, self.folder / "checkpoint",
                                                  max_to_keep=max_to_keep)
        self.restore()

    # ------------------------------------------------------------------ keadaan
    @property
    def epoch(self):
        """Jumlah epoch yang sudah dilatih run ini."""
        return int(self._epoch.numpy())

    @property
    def steps(self):
        """Jumlah langkah (pembaruan) generator sejauh ini, dari penghitung optimizer-nya."""
        return int(self.g_optimizer.iterations.numpy())

    @property
    def history(self):
        """Riwayat per epoch sebagai dict berkolom bernama: loss_D, loss_G, D_x, D_G_z, detik."""
        values = self._history.numpy()
        return {name: values[:, i] for i, name in enumerate(COLUMNS)}

    def restore(self):
        """Memuat checkpoint terakhir run ini bila ada dan memeriksa bahwa semuanya cocok.

        Bila checkpoint terbaru tidak bisa dibaca (mis. tersalin setengah ke Google Drive saat
        runtime terputus), checkpoint sebelumnya dipakai."""
        import tensorflow as tf

        latest = self.manager.latest_checkpoint
        if latest is None:
            if self.steps > 0:
                raise RuntimeError(
                    "Run ini belum punya checkpoint, tetapi G dan optimizernya sudah dilatih "
                    f"{thousands(self.steps)} langkah di sesi ini (mungkin dengan hiperparameter "
                    "lain). Buat "
                    "ulang model dan optimizer (jalankan ulang sel pembuatannya), lalu sel ini.")
            print(f"Run baru: belum ada checkpoint di {self.folder}")
            return 0
        problems = []
        for path in reversed(self.manager.checkpoints):  # terbaru dulu, lalu yang sebelumnya
            try:
                self.checkpoint.restore(path).assert_existing_objects_matched()
            except AssertionError as error:
                raise RuntimeError(
                    f"Checkpoint {path} tidak cocok dengan model di notebook ini (sebagian bobot "
                    f"tidak terisi). Latih dari awal dengan MULAI_BARU = True. Rincian: {error}"
                ) from None
            except (tf.errors.OpError, ValueError, IndexError, OSError) as error:  # berkas rusak
                problems.append(f"{Path(path).name}: {type(error).__name__}")
                continue
            if problems:
                print(f"Checkpoint yang lebih baru tidak bisa dibaca ({'; '.join(problems)}); "
                      f"memakai {Path(path).name}.")
            print(f"MELANJUTKAN dari {Path(path).name}: epoch {self.epoch}, "
                  f"{thousands(self.steps)} langkah G (folder {self.folder.name}).")
            return self.epoch
        raise RuntimeError(f"Tidak ada checkpoint yang bisa dibaca di {self.folder}: "
                           f"{'; '.join(problems)}. Latih dari awal dengan MULAI_BARU = True.")

    # ------------------------------------------------------------------ pelatihan
    def train(self, run_epoch, epochs):
        """Melatih sampai total ``epochs`` epoch; ``run_epoch()`` melatih satu epoch dan
        mengembalikan rata-rata (loss_D, loss_G, D(x), D(G(z))). Setiap epoch menyimpan kisi
        kemajuan; checkpoint setiap ``checkpoint_every`` epoch dan di epoch terakhir."""
        import tensorflow as tf

        if isinstance(epochs, bool) or not isinstance(epochs, int) or epochs < 1:
            raise ValueError(f"epochs harus bilangan bulat >= 1, bukan {epochs!r}.")
        if self.epoch >= epochs:
            print(f"Sudah dilatih {self.epoch} epoch (target {epochs}); tidak ada yang dikerjakan.")
            return self.history
        if self.epoch == 0:
            self.save_progress_grid(0)  # G sebelum dilatih
        for epoch in range(self.epoch + 1, epochs + 1):
            start = time.perf_counter()
            values = [float(v) for v in run_epoch()]
            if len(values) != 4:
                raise ValueError("run_epoch() harus mengembalikan 4 nilai: loss_D, loss_G, "
                                 f"D(x), D(G(z)); didapat {len(values)}.")
            self.save_progress_grid(epoch)
            seconds = time.perf_counter() - start
            self._history.assign(tf.concat([self._history, [values + [seconds]]], axis=0))
            self._epoch.assign(epoch)
            d_loss, g_loss, d_real, d_fake = values
            print(f"Epoch {epoch}/{epochs} - loss_D {_number(d_loss, 3)} - loss_G {_number(g_loss, 3)} - "
                  f"D(x) {_number(d_real, 2)} - D(G(z)) {_number(d_fake, 2)} - {_number(seconds, 1)} dtk")
            if epoch % self.checkpoint_every == 0 or epoch == epochs:
                saved = self.manager.save(checkpoint_number=epoch)
                print(f"   checkpoint disimpan: {Path(saved).name}")
        return self.history

    # ------------------------------------------------------------------ gambar
    def progress_path(self, epoch):
        return self.folder / f"epoch_{epoch:03d}.png"

    def save_progress_grid(self, epoch):
        """Kisi dari derau tetap (G dalam mode inferensi) sebagai ``epoch_NNN.png``. Dengan
        ``fixed_labels`` (GAN bersyarat) G menerima ``[fixed_noise, fixed_labels]``."""
        import matplotlib.pyplot as plt

        from .plotting import _finish, image_sheet

        inputs = self.fixed_noise if self.fixed_labels is None else [self.fixed_noise, self.fixed_labels]
        images = self.generator(inputs, training=False).numpy()
        ncols = int(np.ceil(np.sqrt(len(images))))
        nrows = int(np.ceil(len(images) / ncols))
        sheet = image_sheet(images, ncols, gap=4)   # celah putih 4 piksel di antara gambar
        fig, ax = plt.subplots(figsize=(ncols, nrows + 0.3))
        ax.imshow(sheet, cmap="binary", vmin=0, vmax=1)
        ax.axis("off")
        ax.set_title(f"Epoch {epoch}")
        _finish(fig, self.progress_path(epoch))
        plt.close(fig)

    def show_progress(self, epochs):
        """Kisi kemajuan beberapa epoch berdampingan (epoch yang belum ada dilewati)."""
        import matplotlib.pyplot as plt

        shown = sorted({e for e in epochs if 0 <= e <= self.epoch and self.progress_path(e).exists()})
        if not shown:
            raise ValueError(f"Belum ada gambar kemajuan untuk epoch {list(epochs)}; latih dulu.")
        fig, axes = plt.subplots(1, len(shown), figsize=(3 * len(shown), 3.2), squeeze=False)
        for ax, e in zip(axes[0], shown):
            ax.imshow(plt.imread(self.progress_path(e)))
            ax.axis("off")
        fig.suptitle("Gambar dari derau tetap yang sama, pada beberapa epoch")
        return fig

    def make_gif(self, filename, frame_ms=200, max_frames=50):
        """Merangkai kisi epoch 0 ... terakhir menjadi GIF (paling banyak ``max_frames``
        bingkai, epoch terakhir selalu ikut; diperkecil setengah, abu-abu). Mengembalikan path."""
        from PIL import Image

        last = self.epoch
        step = max(1, -(-last // max_frames))  # pembulatan ke atas
        chosen = [e for e in sorted(set(range(0, last + 1, step)) | {last})
                  if self.progress_path(e).exists()]
        if not chosen:
            raise ValueError("Belum ada gambar kemajuan; latih dulu sebelum membuat GIF.")
        frames = [Image.open(self.progress_path(e)).convert("L") for e in chosen]
        size = (frames[0].width // 2, frames[0].height // 2)
        frames = [f.resize(size, Image.LANCZOS) for f in frames]
        durations = [frame_ms] * (len(frames) - 1) + [1500]  # berhenti sejenak di akhir
        path = self.folder / filename
        frames[0].save(path, save_all=True, append_images=frames[1:], duration=durations, loop=0)
        return path
