#!/bin/sh
# The installed tool speaks French (translations are found only where they
# are installed, hence an installcheck test). Usage: french.sh BINDIR
set -u
ms="$1/mailsetup"
n=0
check() { n=$((n + 1)); if eval "$2"; then echo "ok $n - $1"; else echo "not ok $n - $1"; fi; }
echo "1..4"
out=$(LANGUAGE=fr LC_ALL=C.UTF-8 "$ms" --help 2>&1)
check "French --help" 'echo "$out" | grep -q "Commandes"'
check "French --help has no English heading" '! echo "$out" | grep -q "^Commands:"'
err=$(LANGUAGE=fr LC_ALL=C.UTF-8 "$ms" parse --address jean.example.fr /dev/null 2>&1)
check "French error from the engine" 'echo "$err" | grep -q "n’a pas d’"'
out=$(LANGUAGE=en LC_ALL=C.UTF-8 "$ms" --help 2>&1)
check "English when asked" 'echo "$out" | grep -q "^Commands:"'
