#!/usr/bin/env bash
# Rebuild the shipped font subsets from full Noto Sans TTFs (see README.md here).
set -euo pipefail
regular=$1 bold=$2
here=$(cd "$(dirname "$0")" && pwd)
web="U+0020-007E,U+00A0-00FF,U+02BB-02BC,U+0400-045F,U+0492-0493,U+049A-049B,U+04B2-04B3,U+04B6-04B7,U+04E2-04E3,U+04EE-04EF,U+2013-2014,U+2018-201E,U+2022,U+2026,U+2116,U+2192"
print="U+0020-007E,U+00A0-00FF,U+0100-017F,U+0259,U+02BB-02BC,U+02C6,U+02DA,U+02DC,U+0400-04FF,U+0500-052F,U+2000-206F,U+20AC,U+20BD,U+2116,U+2122,U+2190-2193,U+2212,U+25CF,U+2713"
for pair in "Regular:$regular" "Bold:$bold"; do
  weight=${pair%%:*} src=${pair#*:}
  pyftsubset "$src" --unicodes="$web" --layout-features='kern,liga,locl' --no-hinting \
    --desubroutinize --flavor=woff2 --output-file="$here/../static/fonts/NotoSans-$weight.woff2"
  pyftsubset "$src" --unicodes="$print" --layout-features='*' \
    --output-file="$here/NotoSans-$weight.ttf"
done
