# SPDX-License-Identifier: EUPL-1.2
# Lists C functions longer than LIM lines (default 80), one per line as
# FILE:LINE: SIGNATURE (N lines). A function is a body that opens with "{" and
# closes with "}" in the first column, as clang-format lays them out here.
# usage: awk [-v LIM=60] -f tools/funclen.awk FILE.c...
BEGIN { if (!LIM) LIM = 80 }
/^\{/ { start = FNR; name = prev }
/^\}/ {
	if (start) {
		n = FNR - start - 1
		if (n > LIM)
			printf "%s:%d: %s (%d lines)\n", FILENAME, start, name, n
		start = 0
	}
}
{ if ($0 !~ /^\{/) prev = $0 }
