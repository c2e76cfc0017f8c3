#!/bin/sh
# SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
# The test helper jsonget: it must reject what is not strict JSON Lines (or
# the end-to-end tests that rely on it prove nothing) and decode \udcXX to
# the raw byte.
. "$(dirname "$0")/../lib.sh"

J=$TK_HELPERS/jsonget
if [ ! -x "$J" ]; then
	t_fail "jsonget is built ($J)"
	t_done
	exit 0
fi

# good LINE DESC: valid
good() {
	printf '%s\n' "$1" >"$T/in"
	if "$J" "$T/in" >"$T/o" 2>"$T/e"; then
		t_ok "jsonget accepts: $2"
	else
		t_fail "jsonget accepts: $2" "$(cat "$T/e")"
	fi
}

# bad LINE DESC: invalid, exit 1 with "jsonget: FILE:1: ..." on stderr
bad() {
	printf '%s\n' "$1" >"$T/in"
	"$J" "$T/in" >"$T/o" 2>"$T/e"
	rc=$?
	if [ "$rc" = 1 ] && grep -q "^jsonget: .*:1: " "$T/e"; then
		t_ok "jsonget rejects: $2"
	else
		t_fail "jsonget rejects: $2" "rc=$rc stderr: $(cat "$T/e")"
	fi
}

good '{"a":1,"b":-2.5e+3,"c":"x","d":[1,{"e":null}],"f":true,"g":false,"h":{}}' "every kind of value"
good '{"s":"\u00e9\ud83d\ude00\udcff\n\t\"\\\/"}' "escapes, a surrogate pair, \\udcff"
good "{\"s\":\"$(printf 'caf\303\251 \342\202\254 \360\237\230\200')\"}" "raw valid UTF-8"
good ' { "a" : 1 } ' "whitespace around tokens"
bad '{"a":1}x' "garbage after the object"
bad '{"a":01}' "a leading zero"
bad '{"a":1,}' "a trailing comma"
bad '{"a":.5}' "a number without an integer part"
bad '{"a":1.}' "a number without fraction digits"
bad '{"a":tru}' "a misspelled literal"
bad '{a:1}' "an unquoted key"
bad "{'a':1}" "single quotes"
bad '{"a":1,"a":2}' "a duplicate key"
bad '[1,2]' "a line that is not an object"
bad '' "an empty line"
bad "{\"a\":\"$(printf 'x\001y')\"}" "a raw control byte in a string"
bad "{\"a\":\"$(printf 'x\ty')\"}" "a raw tab in a string"
bad "{\"a\":\"$(printf 'x\377y')\"}" "a raw invalid byte 0xff"
bad "{\"a\":\"$(printf '\300\257')\"}" "an overlong sequence"
bad "{\"a\":\"$(printf '\355\240\200')\"}" "a raw UTF-8 surrogate"
bad "{\"a\":\"$(printf '\342\202')\"}" "a truncated sequence"
bad '{"a":"\x41"}' "an unknown escape"
bad '{"a":"\ud800"}' "a lone high surrogate"
bad '{"a":"\udc41"}' "a lone low surrogate below DC80"
bad '{"a":"\u12"}' "a short \\u escape"
printf '{"a":1}\n{"a":2}' >"$T/in"
"$J" "$T/in" >/dev/null 2>"$T/e"
[ $? = 1 ] && grep -q ':2: .*newline' "$T/e" && t_ok "jsonget rejects: a last line without a newline" ||
	t_fail "jsonget rejects: a last line without a newline" "$(cat "$T/e")"

printf '{"pid":42,"path":"a\\nb\\u001b[31m\\udcffc","n":[1,2]}\n{"pid":7,"path":"x"}\n' >"$T/in"
printf 'a\nb\033[31m\377c' >"$T/want"
"$J" -w pid=42 "$T/in" path >"$T/got"
printf '\n' >>"$T/want"
cmp -s "$T/got" "$T/want" && t_ok "jsonget decodes escapes and \\udcff to the raw bytes" ||
	t_fail "jsonget decodes escapes and \\udcff to the raw bytes" "$(od -c "$T/got")"
[ "$("$J" -c -w "path=$(printf 'a\nb\033[31m\377c')" "$T/in")" = 1 ] &&
	t_ok "jsonget -w matches a hostile value byte for byte" ||
	t_fail "jsonget -w matches a hostile value byte for byte"
[ "$("$J" -c -w "path=$(printf 'a\nb\033[31m\377')" "$T/in")" = 0 ] &&
	t_ok "jsonget -w does not match a prefix" || t_fail "jsonget -w does not match a prefix"
[ "$("$J" -w pid=7 "$T/in" pid path n)" = "$(printf '7\tx\t')" ] &&
	t_ok "jsonget prints keys tab-separated, a missing key as nothing" ||
	t_fail "jsonget prints keys tab-separated, a missing key as nothing" "$("$J" -w pid=7 "$T/in" pid path n)"
[ "$("$J" "$T/in" n | head -n 1)" = "[1,2]" ] && t_ok "jsonget prints an array as its JSON text" ||
	t_fail "jsonget prints an array as its JSON text"
[ "$("$J" -c "$T/in")" = 2 ] && t_ok "jsonget -c counts records" || t_fail "jsonget -c counts records"
"$J" /nonexistent/x >/dev/null 2>&1
[ $? = 2 ] && t_ok "jsonget: a missing file is exit 2" || t_fail "jsonget: a missing file is exit 2"
t_done
