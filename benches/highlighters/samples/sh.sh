#!/usr/bin/env bash
set -euo pipefail
for post in posts/*.md; do
  words=$(wc -w < "$post")
  if [ "$words" -gt 1000 ]; then
    echo "long: $post ($words words)"
  fi
done
sitegen build --root . && rsync -a public/ host:/var/www/
