"""Application start-up and services: QApplication, translators, fonts, settings,
language switching, platform checks."""
