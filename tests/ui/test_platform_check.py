"""The X11 library check names what is missing and how to install it."""

import pytest

from autodiff_gui.ui.app import platform_check


@pytest.mark.parametrize("soname, package", [
    ("libxcb-icccm.so.4", "libxcb-icccm4"),
    ("libxcb-keysyms.so.1", "libxcb-keysyms1"),
    ("libxcb-cursor.so.0", "libxcb-cursor0"),
    ("libxkbcommon-x11.so.0", "libxkbcommon-x11-0"),
    ("libxcb-render-util.so.0", "libxcb-render-util0"),
])
def test_debian_package_names(soname, package):
    assert platform_check.debian_package(soname) == package


def test_missing_libraries_are_the_ones_that_do_not_load():
    names = ("libc.so.6", "libautodiff-no-such-library.so.3")
    assert platform_check.missing_xcb_libraries(names) == ["libautodiff-no-such-library.so.3"]
    text = platform_check.explain_missing(["libxcb-icccm.so.4", "libxcb-cursor.so.0"])
    assert "sudo apt-get install libxcb-icccm4 libxcb-cursor0" in text


def test_the_window_is_refused_with_the_packages_to_install(monkeypatch, capsys):
    from autodiff_gui import cli

    monkeypatch.setattr(cli.sys, "platform", "linux")
    monkeypatch.setenv("DISPLAY", ":99")
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    monkeypatch.setattr(platform_check, "missing_xcb_libraries",
                        lambda: ["libxcb-cursor.so.0"])
    assert cli.main([]) == 2
    assert "apt-get install libxcb-cursor0" in capsys.readouterr().err
