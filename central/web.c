/* SPDX-License-Identifier: EUPL-1.2 */
/* Files are read whole per request: they are a few tens of KiB and staff are few. */
#include "web.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* What a page may load: its own scripts, styles, pictures and API, nothing
 * inline, nothing from elsewhere, and no framing. */
#define CSP                                                                                        \
	"default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "    \
	"connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"

static const char *type_of(const char *name)
{
	static const char *const types[][2] = {
		{ ".html", "text/html; charset=utf-8" },
		{ ".js", "text/javascript; charset=utf-8" },
		{ ".css", "text/css; charset=utf-8" },
		{ ".svg", "image/svg+xml" },
		{ ".png", "image/png" },
	};
	size_t n = strlen(name);
	for (size_t i = 0; i < sizeof types / sizeof types[0]; i++) {
		size_t k = strlen(types[i][0]);
		if (n > k && !strcmp(name + n - k, types[i][0]))
			return types[i][1];
	}
	return NULL;
}

int web_serve(const struct central_config *cfg, struct server_request *r, const char *name,
	      bool lib)
{
	char path[CENTRAL_PATH_MAX + 100];
	const char *type = type_of(name);
	const char *const headers[] = { "Content-Security-Policy", CSP, NULL };

	if (!type)
		return server_reply_error(r, 404, "no such file");
	if (lib)
		snprintf(path, sizeof path, "%s", WEB_CHART_JS);
	else
		snprintf(path, sizeof path, "%s/%s", cfg->web_dir, name);
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	long len = -1;
	int rc;
	if (f && fseek(f, 0, SEEK_END) == 0 && (len = ftell(f)) >= 0 && len < (8L << 20) &&
	    fseek(f, 0, SEEK_SET) == 0 && (buf = malloc((size_t)len + 1)) &&
	    fread(buf, 1, (size_t)len, f) == (size_t)len)
		rc = server_reply(r, 200, type, buf, (size_t)len, headers);
	else
		rc = server_reply_error(r, 404, lib ? "Chart.js is missing: install libjs-chart.js"
						    : "no such file");
	if (f)
		fclose(f);
	free(buf);
	return rc;
}
