#!/bin/sh
# Rebuild resources/words/english.txt: the ordinary English words that redaction must never
# change (casebook.summary.names.common_words). Source: SCOWL, as Debian ships it in
# wbritish and wamerican (size 50, "the words most dictionaries have"); only entries written
# in lower case (ordinary words, not proper names) and no possessives. Licence: SCOWL's
# (resources/words/LICENSE-SCOWL.txt, copied from the packages' copyright file).
# Run from the repository root: sh packaging/make-word-list.sh
set -eu
sh packaging/ensure-debian-packages.sh wbritish wamerican
out=resources/words/english.txt
{
    echo "# Lower-case entries of SCOWL (Debian wbritish + wamerican $(dpkg-query -W -f='${Version}' wbritish))."
    echo "# Made by packaging/make-word-list.sh; licence in LICENSE-SCOWL.txt beside this file."
    cat /usr/share/dict/british-english /usr/share/dict/american-english \
        | LC_ALL=C.UTF-8 grep -v "'" | LC_ALL=C.UTF-8 grep -v '[[:upper:]]' | LC_ALL=C.UTF-8 sort -u
} > "$out"
cp /usr/share/doc/wbritish/copyright resources/words/LICENSE-SCOWL.txt
echo "$(grep -vc '^#' "$out") words in $out"
