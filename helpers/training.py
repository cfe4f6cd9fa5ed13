"""Melatih autoencoder Keras sambil mengukur waktunya (notebook 02-06).

Kompilasi (pilihan loss dan optimizer) tetap ditulis di notebook karena itu bagian pelajaran;
fungsi di sini hanya menjalankan ``fit`` dan mencatat detik per epoch dengan satu arti yang sama
di semua notebook: waktu dinding ``fit`` dibagi jumlah epoch, termasuk validasi.
"""
import time

from .config import _int_at_least
from .evaluation import decimal


def timed_fit(model, x, y, *, epochs, validation_data=None, batch_size=128, verbose=2):
    """Menjalankan ``model.fit`` lalu mencetak dan mencatat detik per epoch.

    Mengembalikan ``History`` dari Keras dengan satu atribut tambahan, ``seconds_per_epoch``.
    ``model`` harus sudah dikompilasi.
    """
    epochs = _int_at_least(epochs, "epochs")
    if not getattr(model, "compiled", False):
        raise ValueError(f"Model {model.name!r} belum dikompilasi: panggil model.compile(...) "
                         "dengan loss dan optimizer sebelum timed_fit.")
    start = time.perf_counter()
    history = model.fit(x, y, epochs=epochs, batch_size=batch_size, verbose=verbose,
                        validation_data=validation_data)
    history.seconds_per_epoch = (time.perf_counter() - start) / epochs
    validation = ", termasuk validasi" if validation_data is not None else ""
    print(f"{model.name}: {decimal(history.seconds_per_epoch, 1)} detik per epoch "
          f"({epochs} epoch{validation})")
    return history
