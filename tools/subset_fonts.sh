#!/usr/bin/env bash
# Rebuilds the vendored Arabic webfont subsets (Noto Sans Arabic, SIL OFL 1.1) from Debian's fonts-noto-core.
# Only the Arabic letters, marks and punctuation used in Moroccan Arabic are kept (~10 KB per weight);
# Latin text uses the phone's own font through the @font-face unicode-range.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
src=/usr/share/fonts/truetype/noto
for weight in Regular Bold; do
  "$here/.venv/bin/pyftsubset" "$src/NotoSansArabic-$weight.ttf" \
    --unicodes="U+060C,U+061B,U+061F,U+0621-0652,U+0640,U+066A-066C,U+0670,U+06A4,U+06AF,U+200C-200F" \
    --layout-features='init,medi,fina,isol,rlig,liga,calt,mark,mkmk,ccmp,kern' \
    --no-hinting --desubroutinize --flavor=woff2 \
    --output-file="$here/site_template/static/fonts/NotoSansArabic-$weight-subset.woff2"
done
