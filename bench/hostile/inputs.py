#!/usr/bin/env python3
"""Writes issue 20's hostile text inputs into a directory, one sub-directory per class:
each holds the input and a file 'args' with the portcullis arguments that read it."""
import os
import sys

out = sys.argv[1]


def case(name, args, files):
    d = os.path.join(out, name)
    os.makedirs(d, exist_ok=True)
    for fname, writer in files.items():
        with open(os.path.join(d, fname), "w") as f:
            writer(f)
    with open(os.path.join(d, "args"), "w") as f:
        f.write(args + "\n")


def doubling(f):
    f.write("ARG A0=xxxxxxxxxxxxxxxx\n")
    for i in range(1, 61):
        f.write(f"ARG A{i}=$A{i-1}$A{i-1}\n")
    f.write("FROM debian:12.8-slim\nENV B=$A60\nRUN echo $B\n")


def stages(f):
    f.write("FROM debian:12.8-slim AS s0\n")
    for i in range(1, 10_000):
        f.write(f"FROM s{i-1} AS s{i}\nRUN apt-get update && apt-get install -y curl\n")
    for i in range(50_000):
        f.write(f"ENV V{i}=$V{max(0, i - 1)}\nRUN echo {i} | sh\n")


def heredoc(f):
    star = "a*" * 24
    f.write(f"FROM debian:12.8-slim\nCOPY {star}c /app/\nRUN <<EOF\n")
    for i in range(200_000):
        f.write(f"echo line {i}\n")


def scalar_aliases(f):
    f.write('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  big: &a "')
    f.write("x" * 6_000_000)
    f.write('"\n  list:\n')
    f.write("  - *a\n" * 300_000)


def documents(f):
    for i in range(10_000):
        f.write(
            f"apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web-{i}\nspec:\n"
            "  template:\n    spec:\n      containers:\n        - name: app\n"
            "          image: nginx:1.25\n---\n")


def laughs(f):
    f.write("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n")
    for i in range(1, 10):
        f.write(f"a{i}: &a{i} [" + ", ".join([f"*a{i-1}"] * 10) + "]\n")


def long_line(f):
    f.write("apiVersion: v1\nkind: Secret\nmetadata:\n  name: a\ndata:\n  blob: ")
    f.write("QUJD" * 1_500_000)
    f.write("\n")


case("dockerfile-doubling-variables", "lint dockerfile Dockerfile", {"Dockerfile": doubling})
case("dockerfile-10000-stages-100000-instructions", "lint dockerfile Dockerfile",
     {"Dockerfile": stages})
case("dockerfile-unterminated-heredoc-backtracking-globs", "lint dockerfile Dockerfile",
     {"Dockerfile": heredoc,
      ".dockerignore": lambda f: f.write("**/" + "a*" * 24 + "b\n" + "a" * 100 + "\n")})
case("yaml-aliases-of-a-6mb-scalar", "lint k8s bomb.yaml", {"bomb.yaml": scalar_aliases})
case("yaml-10000-documents", "lint k8s many.yaml", {"many.yaml": documents})
case("yaml-billion-laughs", "lint k8s laughs.yaml", {"laughs.yaml": laughs})
case("yaml-6mb-line", "lint k8s long.yaml", {"long.yaml": long_line})
