#!/usr/bin/python3
"""Every example of docs/serve.md, run against a real server.

Starts `zhengce serve docs/examples/serve --read-only --port 0`, then for each ```console block of
docs/serve.md that starts with `$ curl`, runs the request (the curl options the page uses: -X, -H,
-d/--data-binary with @file, -F) with urllib and compares the answer with the block's text: a JSON
document, or JSON lines, compared as values; a string "…" in the page stands for any value (a time,
a long explanation). `--print` shows what the server answers, to write the page from.
"""
import argparse
import json
import os
import re
import shlex
import subprocess
import sys
import urllib.error
import urllib.request
import uuid

ANY = "…"


def matches(expected, actual):
    if expected == ANY:
        return True
    if isinstance(expected, dict):
        return isinstance(actual, dict) and list(expected) == list(actual) and all(matches(expected[k], actual[k]) for k in expected)
    if isinstance(expected, list):
        return isinstance(actual, list) and len(expected) == len(actual) and all(matches(e, a) for e, a in zip(expected, actual))
    return expected == actual and type(expected) == type(actual)


def pretty(v, indent=0):
    """JSON as the page shows it: a value that fits in 100 columns on one line, else one member a line."""
    flat = json.dumps(v, ensure_ascii=False, separators=(", ", ": "))
    if len(flat) + indent <= 100 or not isinstance(v, (dict, list)) or not v:
        return flat
    pad = " " * (indent + 2)
    if isinstance(v, dict):
        items = [pad + json.dumps(k, ensure_ascii=False) + ": " + pretty(x, indent + 2) for k, x in v.items()]
        return "{\n" + ",\n".join(items) + "\n" + " " * indent + "}"
    return "[\n" + ",\n".join(pad + pretty(x, indent + 2) for x in v) + "\n" + " " * indent + "]"


def parse_answer(text):
    text = text.strip()
    try:
        return [json.loads(text)]
    except ValueError:
        return [json.loads(line) for line in text.split("\n") if line.strip()]


def request(base, root, argv):
    method, url, headers, data, form = None, None, {}, None, []
    i = 1
    while i < len(argv):
        a = argv[i]
        if a == "-s":
            pass
        elif a == "-X":
            i += 1
            method = argv[i]
        elif a == "-H":
            i += 1
            k, v = argv[i].split(":", 1)
            headers[k.strip()] = v.strip()
        elif a in ("-d", "--data-binary"):
            i += 1
            v = argv[i]
            data = open(os.path.join(root, v[1:]), "rb").read() if v.startswith("@") else v.encode("utf-8")
        elif a == "-F":
            i += 1
            form.append(argv[i])
        elif a.startswith("http://"):
            url = a
        else:
            raise ValueError("curl option the docs test does not know: " + a)
        i += 1
    url = re.sub(r"^http://127\.0\.0\.1:8080", base, url)
    if form:
        boundary = uuid.uuid4().hex
        body = b""
        for f in form:
            name, value = f.split("=", 1)
            body += b"--" + boundary.encode() + b"\r\n"
            if value.startswith("@"):
                path = os.path.join(root, value[1:])
                body += ('Content-Disposition: form-data; name="%s"; filename="%s"\r\n\r\n' % (name, os.path.basename(path))).encode("utf-8")
                body += open(path, "rb").read() + b"\r\n"
            else:
                body += ('Content-Disposition: form-data; name="%s"\r\n\r\n' % name).encode("utf-8") + value.encode("utf-8") + b"\r\n"
        data = body + b"--" + boundary.encode() + b"--\r\n"
        headers["Content-Type"] = "multipart/form-data; boundary=" + boundary
    if data is not None and "Content-Type" not in headers:
        headers["Content-Type"] = "application/x-www-form-urlencoded"  # what curl -d sends
    req = urllib.request.Request(url, data=data, headers=headers, method=method or ("POST" if data is not None else "GET"))
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.read().decode("utf-8")
    except urllib.error.HTTPError as e:
        return e.read().decode("utf-8")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--zhengce", required=True)
    ap.add_argument("--source", required=True)
    ap.add_argument("--print", action="store_true")
    args = ap.parse_args()
    page = open(os.path.join(args.source, "docs/serve.md"), encoding="utf-8").read()
    blocks = re.findall(r"```console\n(\$ curl .*?)```", page, re.S)
    server = subprocess.Popen([os.path.abspath(args.zhengce), "serve", "docs/examples/serve", "--read-only", "--port", "0"],
                              stderr=subprocess.PIPE, text=True, cwd=args.source)
    failed = 0
    try:
        m = None
        while not m:
            line = server.stderr.readline()
            if not line:
                raise RuntimeError("the server did not start")
            m = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
        base = "http://127.0.0.1:" + m.group(1)
        for block in blocks:
            command, _, expected = block.partition("\n")
            argv = shlex.split(command[2:].replace("\\\n", " "))
            actual = request(base, args.source, argv)
            if args.print:
                print(command)
                docs = parse_answer(actual)
                for doc in docs:
                    print(pretty(doc) if len(docs) == 1 else json.dumps(doc, ensure_ascii=False, separators=(", ", ": ")))
                print()
                continue
            want, got = parse_answer(expected), parse_answer(actual)
            if len(want) != len(got) or not all(matches(w, g) for w, g in zip(want, got)):
                failed += 1
                print("MISMATCH for: " + command + "\n--- the page says:\n" + expected + "--- the server answers:\n" + actual + "\n")
    finally:
        server.terminate()
        server.wait(10)
    if not args.print:
        print("%d passed, %d failed" % (len(blocks) - failed, failed))
    return 1 if failed or not blocks else 0


if __name__ == "__main__":
    sys.exit(main())
