"""redix.log: Redis's log line format, level filtering, log file and role."""
from __future__ import annotations

import os
import re

import pytest

from redix import log
from redix.config import Config


@pytest.fixture(autouse=True)
def restore_logger():
    saved = (log._level, log._logfile, log._role)
    yield
    log._level, log._logfile, log._role = saved


def test_line_format_matches_redis():
    log.set_role("M")
    # 2026-11-26 08:30:36.711 local time, as Redis prints it.
    line = log.format_line(log.NOTICE, "Ready to accept connections", now=1795681836.711)
    assert re.fullmatch(rf"{os.getpid()}:M \d\d [A-Z][a-z]{{2}} \d{{4}} \d\d:\d\d:\d\d\.711 "
                        r"\* Ready to accept connections\n", line)


@pytest.mark.parametrize("func,mark", [(log.debug, "."), (log.verbose, "-"),
                                       (log.notice, "*"), (log.warning, "#")])
def test_level_marks(capsys, func, mark):
    log.set_level("debug")
    func("hello")
    assert capsys.readouterr().out.endswith(f" {mark} hello\n")


def test_levels_below_the_threshold_are_dropped(capsys):
    cfg = Config()
    cfg.apply_args(["--loglevel", "warning"])
    log.setup(cfg)
    log.debug("a")
    log.verbose("b")
    log.notice("c")
    log.log(log.NOTICE, "d")
    log.warning("e")
    assert capsys.readouterr().out.count("\n") == 1
    cfg.set_many([(b"loglevel", b"verbose")])
    log.verbose("f")
    log.debug("g")
    assert capsys.readouterr().out.endswith(" - f\n")


def test_logfile_is_appended(tmp_path, capsys):
    path = tmp_path / "redix.log"
    path.write_text("old\n")
    cfg = Config()
    cfg.apply_args(["--logfile", str(path)])
    log.setup(cfg)
    log.set_role("S")
    log.warning("one")
    path.rename(tmp_path / "rotated.log")  # reopened per line, so rotation works
    log.warning("two")
    log.raw("raw line")
    assert capsys.readouterr().out == ""
    assert (tmp_path / "rotated.log").read_text().startswith("old\n")
    lines = path.read_text().splitlines()
    assert re.match(rf"{os.getpid()}:S .* # two$", lines[0]) and lines[1] == "raw line"
