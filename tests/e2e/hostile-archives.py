#!/usr/bin/env python3
"""Writes docker-archive images whose layers an extractor must not trust.

  hostile-archives.py DIR     one archive per attack in DIR (NAME.tar)
  hostile-archives.py bomb N  an archive whose one layer has N empty files, to stdout

Each archive is otherwise a valid image (manifest.json, config, layers), so
what refuses it is the layer check, not a missing piece.
"""
import io
import json
import os
import sys
import tarfile


def layer(entries):
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=tarfile.PAX_FORMAT) as tar:
        for name, kind, extra in entries:
            info = tarfile.TarInfo(name)
            if kind == "file":
                info.size = len(extra)
                tar.addfile(info, io.BytesIO(extra))
                continue
            info.type = {"sym": tarfile.SYMTYPE, "hard": tarfile.LNKTYPE, "dir": tarfile.DIRTYPE}[kind]
            info.linkname = extra or ""
            tar.addfile(info)
    return buf.getvalue()


def archive(out, layers):
    config = json.dumps({"config": {"Cmd": ["/bin/sh"]}, "rootfs": {"type": "layers"}}).encode()
    names = [f"l{i}/layer.tar" for i in range(len(layers))]
    manifest = json.dumps([{"Config": "config.json", "Layers": names}]).encode()
    with tarfile.open(fileobj=out, mode="w|", format=tarfile.USTAR_FORMAT) as tar:
        for name, data in list(zip(names, layers)) + [("config.json", config), ("manifest.json", manifest)]:
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))


ATTACKS = {
    "traversal": [[("etc", "dir", None), ("../../escaped-by-unroot-audit", "file", b"x")]],
    "absolute": [[("/tmp/escaped-by-unroot-audit", "file", b"x")]],
    "symlink-escape": [[("etc", "dir", None), ("etc/shadow-link", "sym", "../../../../etc/shadow")]],
    "hardlink-escape": [[("etc", "dir", None), ("etc/copy", "hard", "../../etc/shadow")]],
    "below-symlink": [[("etc", "sym", "/tmp")], [("etc/cron-job", "file", b"x")]],
}


def bomb(count):
    # One layer of `count` empty files, written block by block as it goes:
    # a header template whose name digits and checksum change, nothing held.
    out = sys.stdout.buffer

    def member(name, size):
        info = tarfile.TarInfo(name)
        info.size = size
        return info.tobuf(tarfile.USTAR_FORMAT)

    def pad(size):
        return b"\0" * ((512 - size % 512) % 512)

    layer_size = 512 * count + 1024
    out.write(member("l0/layer.tar", layer_size))
    template = bytearray(member("f0000000", 0))
    template[148:156] = b"        "
    base = sum(template) - sum(b"0000000")
    chunk = bytearray()
    for i in range(count):
        digits = b"%07d" % i
        template[1:8] = digits
        template[148:156] = b"%06o\0 " % (base + sum(digits))
        chunk += template
        if len(chunk) >= 1 << 20:
            out.write(chunk)
            chunk = bytearray()
    out.write(chunk + b"\0" * 1024)
    for name, data in [("config.json", b'{"config":{}}'),
                       ("manifest.json", b'[{"Config":"config.json","Layers":["l0/layer.tar"]}]')]:
        out.write(member(name, len(data)) + data + pad(len(data)))
    out.write(b"\0" * 1024)


if __name__ == "__main__":
    if sys.argv[1] == "bomb":
        bomb(int(sys.argv[2]))
    else:
        os.makedirs(sys.argv[1], exist_ok=True)
        for name, layers in ATTACKS.items():
            with open(os.path.join(sys.argv[1], name + ".tar"), "wb") as f:
                archive(f, [layer(entries) for entries in layers])
