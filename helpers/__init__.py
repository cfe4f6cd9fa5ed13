"""helpers - paket pendukung kursus "Autoencoder dan GAN".

Berisi hal-hal yang bukan inti pelajaran: memuat data (dengan cadangan luring), gambar,
sakelar mode cepat, metrik, pelatihan yang diukur waktunya, dan *linear probe*.
Kode model dan loop pelatihan tetap ditulis lengkap di notebook.
Tidak ada pekerjaan saat impor; panggil ``helpers.setup()`` di sel persiapan.
"""
from .checks import answered, check_range, check_shape, check_true, check_value
from .config import epochs, fast_mode, offline_mode, output_dir, sample_count, setup
from .data import (
                         FASHION_CLASSES,
                         MNIST_CLASSES,
                         class_name,
                         load_fashion_mnist,
                         load_fashion_splits,
                         load_mnist,
                         showcase_indices,
)
from .evaluation import (
                         class_coverage,
                         class_fidelity,
                         classifier_features,
                         classify,
                         decimal,
                         frechet_distance,
                         load_classifier,
                         plot_class_coverage,
                         plot_gan_history,
                         thousands,
)
from .gan_training import GanTraining, save_outputs_to_drive
from .memorisation import nearest_training_images, show_nearest_training_images
from .metrics import image_metrics, mse, psnr, results_table, ssim
from .plotting import compare_rows, image_sheet, plot_history, show_images
from .representation import few_label_indices, linear_probe
from .training import timed_fit

__all__ = [
    "setup", "fast_mode", "offline_mode", "epochs", "sample_count", "output_dir",
    "answered", "check_shape", "check_value", "check_range", "check_true",
    "load_fashion_mnist", "load_fashion_splits", "load_mnist", "showcase_indices", "class_name",
    "FASHION_CLASSES", "MNIST_CLASSES",
    "show_images", "image_sheet", "compare_rows", "plot_history",
    "mse", "psnr", "ssim", "image_metrics", "results_table",
    "load_classifier", "classify", "classifier_features", "class_coverage", "class_fidelity",
    "plot_class_coverage",
    "frechet_distance", "nearest_training_images", "show_nearest_training_images", "thousands",
    "decimal",
    "plot_gan_history", "GanTraining", "save_outputs_to_drive",
    "timed_fit", "linear_probe", "few_label_indices",
]
