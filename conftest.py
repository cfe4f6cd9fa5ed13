"""Pengaturan pytest untuk seluruh kursus.

Kernel notebook yang dijalankan nbval mewarisi variabel lingkungan proses ini, jadi semua
notebook diuji dalam mode cepat dan luring tanpa variabel yang diatur dengan tangan.
"""
import os

os.environ["KURSUS_CEPAT"] = "1"
os.environ["KURSUS_OFFLINE"] = "1"
os.environ["MPLBACKEND"] = "Agg"
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
