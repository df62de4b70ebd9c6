/* SPDX-License-Identifier: EUPL-1.2 */
/* The staff web UI's files: central/web/ (installed to web_dir) and Chart.js from
 * where Debian's libjs-chart.js puts it. Served with a Content-Security-Policy
 * that lets a page run only these files. */
#ifndef CENTRAL_WEB_H
#define CENTRAL_WEB_H

#include "central/config.h"
#include "central/server.h"

#define WEB_CHART_JS "/usr/share/javascript/chart.js/chart.min.js"

/* Answers with file name of web_dir (a route part: no slash, no leading dot),
 * or with Chart.js when name is "chart.min.js" and lib is true. */
int web_serve(const struct central_config *cfg, struct server_request *r, const char *name,
	      bool lib);

#endif
