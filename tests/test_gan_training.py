"""Uji helpers.GanTraining: folder per hiperparameter, pemeriksaan restore, riwayat berkolom,
dan bukti bahwa pelatihan berlanjut di kernel baru (epoch, langkah optimizer, bobot).

Langkah pelatihan yang dipakai adalah ``make_train_step`` dan ``run_epoch`` dari notebook 07
sendiri, dengan G dan D kecil agar uji tetap singkat.
"""
import json
import textwrap

import nbformat
import numpy as np
import pytest
from muat import load_script
from nbclient import NotebookClient
from sel_latihan import ROOT

import helpers

# Kode yang dijalankan di setiap kernel: G/D kecil, data acak tetap, langkah dari notebook 07.
SETUP = textwrap.dedent(f"""
    import json, sys
    sys.path.insert(0, {str(ROOT)!r})
    sys.path.insert(0, {str(ROOT / "benchmarks")!r})
    import keras, numpy as np, tensorflow as tf
    import helpers
    from run import from_notebook

    nb07 = from_notebook("07_gan", ["make_train_step", "run_epoch"])
    nb07.make_train_step.__globals__["NOISE_DIM"] = 8
    nb07.make_train_step.__globals__["cross_entropy"] = keras.losses.BinaryCrossentropy(from_logits=True)
    keras.utils.set_random_seed(0)
    generator = keras.Sequential([keras.Input((8,)), keras.layers.Dense(784, activation="tanh"),
                                  keras.layers.Reshape((28, 28, 1))])
    discriminator = keras.Sequential([keras.Input((28, 28, 1)), keras.layers.Flatten(),
                                      keras.layers.Dense(1)])
    g_opt = keras.optimizers.Adam(2e-4, beta_1=0.5)
    d_opt = keras.optimizers.Adam(2e-4, beta_1=0.5)
    step = nb07.make_train_step(generator, discriminator, g_opt, d_opt)
    images = np.random.default_rng(1).uniform(-1, 1, (96, 28, 28, 1)).astype("float32")
    dataset = tf.data.Dataset.from_tensor_slices(images).shuffle(96, seed=1).batch(32)
    run = helpers.GanTraining("uji_lanjut", generator, discriminator, g_opt, d_opt,
                              fixed_noise=np.zeros((4, 8), "float32"),
                              hparams={{"batch_size": 32}}, checkpoint_every=1)

    def state():
        return {{"epoch": run.epoch, "steps": run.steps,
                 "G": [w.tolist() for w in generator.get_weights()],
                 "D": [w.tolist() for w in discriminator.get_weights()],
                 "adam_G": [v.numpy().tolist() for v in g_opt.variables],
                 "history": {{k: v.tolist() for k, v in run.history.items()}}}}
""")


def run_kernel(code, folder):
    """Menjalankan ``code`` di kernel Jupyter baru (folder kerja ``folder``) lalu mematikannya;
    mengembalikan semua yang dicetaknya."""
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(SETUP),
                                         nbformat.v4.new_code_cell(textwrap.dedent(code))])
    NotebookClient(nb, timeout=300, kernel_name="python3",
                   resources={"metadata": {"path": str(folder)}}).execute()
    return "".join(o.get("text", "") for c in nb.cells for o in c.outputs)


def test_melanjutkan_di_kernel_baru_persis(tmp_path, monkeypatch):
    """Kernel 1 melatih 2 epoch lalu mati; kernel 2 memuat, harus sama persis, lalu lanjut."""
    monkeypatch.setenv("KURSUS_OUTPUT_DIR", str(tmp_path / "keluaran"))
    first = run_kernel("""
        run.train(lambda: nb07.run_epoch(step, dataset), epochs=2)
        json.dump(state(), open("akhir_kernel_1.json", "w"))
    """, tmp_path)
    assert "Run baru" in first and "Epoch 2/2" in first
    second = run_kernel("""
        json.dump(state(), open("awal_kernel_2.json", "w"))
        run.train(lambda: nb07.run_epoch(step, dataset), epochs=3)
        json.dump(state(), open("akhir_kernel_2.json", "w"))
    """, tmp_path)
    assert "MELANJUTKAN dari ckpt-2: epoch 2, 6 langkah G" in second
    assert "Epoch 3/3" in second and "Epoch 1/" not in second

    saved, loaded, final = (json.loads((tmp_path / f"{name}.json").read_text())
                            for name in ("akhir_kernel_1", "awal_kernel_2", "akhir_kernel_2"))
    assert loaded == saved  # epoch, langkah, bobot G dan D, variabel Adam, riwayat: persis
    assert (saved["epoch"], saved["steps"]) == (2, 6)
    assert (final["epoch"], final["steps"]) == (3, 9)
    assert final["history"]["loss_D"][:2] == saved["history"]["loss_D"]
    assert len(final["history"]["detik"]) == 3
    assert final["G"] != saved["G"]  # epoch ketiga benar-benar melatih


def tiny_pair():
    import keras

    generator = keras.Sequential([keras.Input((4,)), keras.layers.Dense(784, activation="tanh"),
                                  keras.layers.Reshape((28, 28, 1))])
    discriminator = keras.Sequential([keras.Input((28, 28, 1)), keras.layers.Flatten(),
                                      keras.layers.Dense(1)])
    return generator, discriminator


def make_run(lr=2e-4, hparams=None, **kwargs):
    import keras

    generator, discriminator = tiny_pair()
    return helpers.GanTraining("uji_sidik", generator, discriminator,
                               keras.optimizers.Adam(lr, beta_1=0.5),
                               keras.optimizers.Adam(2e-4, beta_1=0.5),
                               fixed_noise=np.zeros((4, 4), "float32"),
                               hparams=hparams or {"batch_size": 8}, **kwargs)


def test_folder_terikat_pada_hiperparameter(capsys):
    same_a, same_b = make_run(), make_run()
    assert same_a.folder == same_b.folder  # objek baru, setelan sama: run yang sama
    assert make_run(lr=1e-3).folder != same_a.folder
    assert make_run(hparams={"batch_size": 16}).folder != same_a.folder
    saved = json.loads((same_a.folder / "hiperparameter.json").read_text())
    assert saved["optimizer_G"]["learning_rate"] == pytest.approx(2e-4)


def test_riwayat_berkolom_dan_gambar(capsys):
    run = make_run(start_over=True)
    history = run.train(lambda: (1.2, 0.7, 0.6, 0.4), epochs=2)
    assert list(history) == ["loss_D", "loss_G", "D_x", "D_G_z", "detik"]
    np.testing.assert_allclose(history["loss_G"], [0.7, 0.7])
    assert run.epoch == 2 and run.progress_path(0).exists() and run.progress_path(2).exists()
    assert run.make_gif("uji.gif").stat().st_size > 0
    out = capsys.readouterr().out
    assert "checkpoint disimpan: ckpt-2" in out
    assert "Epoch 2/2 - loss_D 1,200 - loss_G 0,700 - D(x) 0,60 - D(G(z)) 0,40 - " in out  # koma desimal
    run.train(lambda: (1, 1, 1, 1), epochs=2)
    assert "tidak ada yang dikerjakan" in capsys.readouterr().out


def test_loss_nan_tetap_tertulis_di_log(capsys):
    """Pelatihan yang meledak (loss NaN) tetap dicatat, bukan berhenti di pemformatan angka."""
    run = make_run(start_over=True)
    run.train(lambda: (float("nan"), 0.7, float("inf"), 0.4), epochs=1)
    assert "loss_D nan - loss_G 0,700 - D(x) inf" in capsys.readouterr().out


def test_model_terlatih_tanpa_checkpoint_ditolak():
    import keras

    generator, discriminator = tiny_pair()
    g_opt = keras.optimizers.Adam(3e-4)
    g_opt.build(generator.trainable_variables)
    g_opt.iterations.assign(5)  # seolah sudah dilatih dengan setelan lain
    with pytest.raises(RuntimeError, match="sudah dilatih 5 langkah"):
        helpers.GanTraining("uji_tolak", generator, discriminator, g_opt,
                            keras.optimizers.Adam(3e-4), fixed_noise=np.zeros((4, 4), "float32"),
                            start_over=True)


@pytest.mark.parametrize("kwargs, pesan", [
    ({"checkpoint_every": 0}, "checkpoint_every"),
    ({"start_over": "ya"}, "MULAI_BARU"),
    ({"hparams": [1, 2]}, "hparams harus dict"),
])
def test_argumen_salah_pesan_jelas(kwargs, pesan):
    with pytest.raises(ValueError, match=pesan):
        make_run(**kwargs)


def test_epochs_dan_run_epoch_salah():
    run = make_run(start_over=True)
    with pytest.raises(ValueError, match="epochs harus"):
        run.train(lambda: (1, 1, 1, 1), epochs="10")
    with pytest.raises(ValueError, match="4 nilai"):
        run.train(lambda: (1, 1), epochs=1)


def test_sakelar_drive_di_luar_colab(capsys):
    helpers.save_outputs_to_drive(False)
    assert f"Folder keluaran: {helpers.config.output_base()}" in capsys.readouterr().out
    helpers.save_outputs_to_drive(True)
    assert "Bukan di Google Colab" in capsys.readouterr().out
    with pytest.raises(ValueError, match="True atau False"):
        helpers.save_outputs_to_drive("True")


@pytest.fixture(scope="module")
def nb07():
    """``make_train_step`` dan ``run_epoch`` dari sel notebook 07, dengan derau 8 dimensi."""
    import keras

    run = load_script("benchmarks/run.py")
    notebook = run.from_notebook("07_gan", ["make_train_step", "run_epoch"])
    notebook.make_train_step.__globals__.update(
        NOISE_DIM=8, cross_entropy=keras.losses.BinaryCrossentropy(from_logits=True))
    return notebook


def _one_step(nb07, g_lr, d_lr):
    """Satu langkah dua fase pada G/D kecil; mengembalikan bobot sebelum, sesudah, dan keluaran."""
    import keras

    keras.utils.set_random_seed(3)
    generator = keras.Sequential([keras.Input((8,)), keras.layers.Dense(16, activation="tanh"),
                                  keras.layers.Reshape((4, 4, 1))])
    discriminator = keras.Sequential([keras.Input((4, 4, 1)), keras.layers.Flatten(),
                                      keras.layers.Dense(8), keras.layers.LeakyReLU(0.2),
                                      keras.layers.Dense(1)])
    step = nb07.make_train_step(generator, discriminator, keras.optimizers.Adam(g_lr),
                                keras.optimizers.Adam(d_lr))
    before = [m.get_weights() for m in (generator, discriminator)]
    real = np.random.default_rng(0).uniform(-1, 1, (16, 4, 4, 1)).astype("float32")
    values = step(real).numpy()
    after = [m.get_weights() for m in (generator, discriminator)]
    changed = [any(not np.array_equal(b, a) for b, a in zip(bw, aw))
               for bw, aw in zip(before, after)]
    return changed, values


def test_langkah_07_fase_1_hanya_mengubah_d(nb07):
    """Optimizer G dengan laju 0: yang berubah hanya D, jadi fase 1 tidak menyentuh G."""
    (g_changed, d_changed), values = _one_step(nb07, g_lr=0.0, d_lr=1e-2)
    assert d_changed and not g_changed
    assert np.all(np.isfinite(values)) and values.shape == (4,)


def test_langkah_07_fase_2_hanya_mengubah_g(nb07):
    """Optimizer D dengan laju 0: yang berubah hanya G, jadi gradien fase 2 tidak mengubah D."""
    (g_changed, d_changed), values = _one_step(nb07, g_lr=1e-2, d_lr=0.0)
    assert g_changed and not d_changed
    d_loss, g_loss, d_real, d_fake = values
    assert d_loss > 0 and g_loss > 0 and 0 < d_real < 1 and 0 < d_fake < 1


def test_arsitektur_lain_folder_lain():
    """Jumlah parameter sama, arsitektur beda (aktivasi): run lain, bukan bobot lama."""
    import keras

    generator, discriminator = tiny_pair()
    other = keras.Sequential([keras.Input((4,)), keras.layers.Dense(784, activation="sigmoid"),
                              keras.layers.Reshape((28, 28, 1))])
    assert other.count_params() == generator.count_params()
    folders = [helpers.GanTraining("uji_arsitektur", g, discriminator, keras.optimizers.Adam(),
                                   keras.optimizers.Adam(), fixed_noise=np.zeros((4, 4), "float32"),
                                   start_over=True).folder
               for g in (generator, other)]
    assert folders[0] != folders[1]


def test_checkpoint_rusak_memakai_yang_sebelumnya(capsys):
    run = make_run(start_over=True, checkpoint_every=1)
    assert "DIHAPUS" in capsys.readouterr().out
    run.train(lambda: (1.0, 1.0, 0.5, 0.5), epochs=2)
    latest = run.manager.latest_checkpoint
    for data in run.folder.glob("checkpoint/ckpt-2.data-*"):
        data.write_bytes(b"setengah tersalin")
    resumed = make_run(checkpoint_every=1)
    out = capsys.readouterr().out
    assert latest.endswith("ckpt-2")
    assert "tidak bisa dibaca" in out and "MELANJUTKAN dari ckpt-1: epoch 1" in out
    assert resumed.epoch == 1 and len(resumed.history["loss_D"]) == 1


def conditional_pair():
    """G(z, y) dan D(x, y) kecil dengan dua masukan, seperti GAN bersyarat notebook 09."""
    import keras
    from keras import layers

    noise, label = keras.Input((4,)), keras.Input((1,), dtype="int32")
    joined = layers.Concatenate()([noise, layers.Flatten()(layers.Embedding(10, 3)(label))])
    image = layers.Reshape((28, 28, 1))(layers.Dense(784, activation="tanh")(joined))
    generator = keras.Model([noise, label], image)
    x_in, y_in = keras.Input((28, 28, 1)), keras.Input((1,), dtype="int32")
    label_map = layers.Reshape((28, 28, 1))(layers.Embedding(10, 784)(y_in))
    logit = layers.Dense(1)(layers.Flatten()(layers.Concatenate()([x_in, label_map])))
    return generator, keras.Model([x_in, y_in], logit)


def test_kisi_kemajuan_gan_bersyarat():
    """Dengan fixed_labels, G dipanggil dengan [derau, label]; label yang berbeda memberi
    gambar yang berbeda, dan kisi serta GIF tersimpan."""
    import keras

    generator, discriminator = conditional_pair()
    noise = np.tile(np.random.default_rng(0).standard_normal((2, 4)).astype("float32"), (2, 1))
    labels = np.repeat(np.arange(2), 2)
    run = helpers.GanTraining("uji_bersyarat", generator, discriminator, keras.optimizers.Adam(),
                              keras.optimizers.Adam(), fixed_noise=noise, fixed_labels=labels,
                              start_over=True)
    run.train(lambda: (1.2, 0.7, 0.6, 0.4), epochs=1)
    assert run.progress_path(0).exists() and run.progress_path(1).exists()
    assert run.make_gif("uji.gif").stat().st_size > 0
    images = generator([noise, labels], training=False).numpy()
    assert not np.allclose(images[0], images[2])  # derau sama, kelas lain: gambar lain
    with pytest.raises(ValueError, match="fixed_labels"):
        helpers.GanTraining("uji_bersyarat", generator, discriminator, keras.optimizers.Adam(),
                            keras.optimizers.Adam(), fixed_noise=noise, fixed_labels=labels[:3])
    with pytest.raises(ValueError, match="bilangan bulat"):
        helpers.GanTraining("uji_bersyarat", generator, discriminator, keras.optimizers.Adam(),
                            keras.optimizers.Adam(), fixed_noise=noise, fixed_labels=labels * 0.5)
