// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* Flame graphs as self-contained SVG (flamegraph.h). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "escape.h"
#include "flamegraph.h"

#define SVG_W 1200		/* image width, px */
#define PAD 10			/* left and right margin */
#define FRAME_H 16		/* one stack level */
#define TOP 44			/* title and buttons */
#define BOTTOM 28		/* details line */
#define MIN_W 0.1		/* frames narrower than this (px) are left out */
#define CHAR_W 7		/* label glyph width estimate at 12px */
#define GAP 0.5			/* between neighbouring frames wider than 1 px */

struct node {
	char *name;
	unsigned long long value;
	struct node **kids;
	size_t nkids, cap;
};

struct tk_flame {
	struct node root;
};

struct tk_flame *tk_flame__new(void)
{
	struct tk_flame *fg = calloc(1, sizeof(*fg));

	if (fg && !(fg->root.name = strdup("all"))) {
		free(fg);
		return NULL;
	}
	return fg;
}

static void node_free(struct node *n)
{
	for (size_t i = 0; i < n->nkids; i++) {
		node_free(n->kids[i]);
		free(n->kids[i]);
	}
	free(n->kids);
	free(n->name);
}

void tk_flame__free(struct tk_flame *fg)
{
	if (!fg)
		return;
	node_free(&fg->root);
	free(fg);
}

/* The child of n named name[0..len), created when missing; NULL on ENOMEM. */
static struct node *child(struct node *n, const char *name, size_t len)
{
	struct node *c;

	for (size_t i = 0; i < n->nkids; i++)
		if (!strncmp(n->kids[i]->name, name, len) && !n->kids[i]->name[len])
			return n->kids[i];
	if (n->nkids == n->cap) {
		size_t cap = n->cap ? n->cap * 2 : 4;
		struct node **k = realloc(n->kids, cap * sizeof(*k));

		if (!k)
			return NULL;
		n->kids = k;
		n->cap = cap;
	}
	c = calloc(1, sizeof(*c));
	if (!c || !(c->name = strndup(name, len))) {
		free(c);
		return NULL;
	}
	n->kids[n->nkids++] = c;
	return c;
}

int tk_flame__add(struct tk_flame *fg, const char *const *frames, size_t n,
		  unsigned long long value)
{
	struct node *at = &fg->root;

	at->value += value;
	for (size_t i = 0; i < n; i++) {
		at = child(at, frames[i], strlen(frames[i]));
		if (!at)
			return -ENOMEM;
		at->value += value;
	}
	return 0;
}

int tk_flame__add_folded(struct tk_flame *fg, const char *line)
{
	const char *sp = strrchr(line, ' '), *p, *end;
	unsigned long long value = 0;
	struct node *at = &fg->root;

	if (!sp || sp == line || !sp[1])
		return -EINVAL;
	for (p = sp + 1; *p && *p != '\n'; p++) {
		if (*p < '0' || *p > '9' || value > (~0ULL - 9) / 10)
			return -EINVAL;
		value = value * 10 + (unsigned long long)(*p - '0');
	}
	at->value += value;
	for (p = line; p < sp; p = end + 1) {
		end = memchr(p, ';', (size_t)(sp - p));
		if (!end)
			end = sp;
		at = child(at, p, (size_t)(end - p));
		if (!at)
			return -ENOMEM;
		at->value += value;
		if (end == sp)
			break;
	}
	return 0;
}

unsigned long long tk_flame__total(const struct tk_flame *fg)
{
	return fg->root.value;
}

/* Writes s as XML character data / attribute text. */
static void xml(FILE *f, const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;

	for (size_t i = 0; i < n;) {
		size_t k = tk_utf8_seq(u + i, n - i);

		if (!k || u[i] < 0x20 || u[i] == 0x7f) {
			fputc('?', f);
			i += k ? k : 1;
			continue;
		}
		switch (u[i]) {
		case '&': fputs("&amp;", f); break;
		case '<': fputs("&lt;", f); break;
		case '>': fputs("&gt;", f); break;
		case '"': fputs("&quot;", f); break;
		case '\'': fputs("&apos;", f); break;
		default: fwrite(u + i, 1, k, f);
		}
		i += k;
	}
}

static int cmp_node(const void *a, const void *b)
{
	return strcmp((*(struct node *const *)a)->name, (*(struct node *const *)b)->name);
}

static int depth_of(struct node *n, double px, double scale)
{
	int d = 0;

	for (size_t i = 0; i < n->nkids; i++) {
		int k;

		if ((double)n->kids[i]->value * scale < MIN_W)
			continue;
		k = depth_of(n->kids[i], px, scale);
		if (k > d)
			d = k;
	}
	return d + 1;
}

/* A colour from the name: warm hues for user frames, orange-brown for
 * kernel frames (suffix "_[k]"), the same for the same name. */
static void colour(const char *name, int *r, int *g, int *b)
{
	unsigned int h = 2166136261u;
	size_t len = strlen(name);

	for (const char *p = name; *p; p++)
		h = (h ^ (unsigned char)*p) * 16777619u;
	if (len > 4 && !strcmp(name + len - 4, "_[k]")) {
		*r = 200 + (int)(h % 56);
		*g = 120 + (int)((h >> 8) % 60);
		*b = 40 + (int)((h >> 16) % 30);
	} else {
		*r = 205 + (int)(h % 51);
		*g = (int)((h >> 8) % 231);
		*b = (int)((h >> 16) % 56);
	}
}

struct ctx {
	FILE *f;
	double scale;		/* px per unit of value */
	unsigned long long total;
	int depth;		/* levels drawn */
	const char *unit;
};

static void emit(struct ctx *c, struct node *n, double x, int level)
{
	double w = (double)n->value * c->scale, fx = PAD + x;
	int y = TOP + (c->depth - 1 - level) * FRAME_H, r, g, b, maxc;
	size_t len = strlen(n->name);

	colour(n->name, &r, &g, &b);
	fprintf(c->f, "<g class=\"f\" data-x=\"%.9f\" data-w=\"%.9f\" data-d=\"%d\" data-n=\"",
		x / (SVG_W - 2 * PAD), w / (SVG_W - 2 * PAD), level);
	xml(c->f, n->name, len);
	fputs("\"><title>", c->f);
	xml(c->f, n->name, len);
	fprintf(c->f, " (%llu %s, %.2f%%)</title><rect x=\"%.2f\" y=\"%d\" width=\"%.2f\" "
		"height=\"%d\" fill=\"rgb(%d,%d,%d)\" rx=\"2\"/><text x=\"%.2f\" y=\"%d\">",
		n->value, c->unit, c->total ? 100.0 * (double)n->value / (double)c->total : 0.0,
		fx, y, w > 1 ? w - GAP : w, FRAME_H - 1, r, g, b, fx + 3, y + FRAME_H - 5);
	maxc = (int)((w - 6) / CHAR_W);
	if (maxc >= 3) {
		if ((size_t)maxc >= len) {
			xml(c->f, n->name, len);
		} else {
			size_t cut = (size_t)maxc - 2;

			/* never split a UTF-8 sequence */
			while (cut && ((unsigned char)n->name[cut] & 0xc0) == 0x80)
				cut--;
			xml(c->f, n->name, cut);
			fputs("..", c->f);
		}
	}
	fputs("</text></g>\n", c->f);
	qsort(n->kids, n->nkids, sizeof(*n->kids), cmp_node);
	for (size_t i = 0; i < n->nkids; i++) {
		double kw = (double)n->kids[i]->value * c->scale;

		if (kw >= MIN_W)
			emit(c, n->kids[i], x, level + 1);
		x += kw;
	}
}

/* Click to zoom, Reset Zoom, Search, details on hover. */
static const char script[] =
"var fw = SVGW - 2 * PAD, frames = [].slice.call(document.querySelectorAll('g.f'));\n"
"var details = document.getElementById('details'), matchEl = document.getElementById('matched');\n"
"function num(g, a) { return parseFloat(g.getAttribute(a)); }\n"
"function label(g, w) {\n"
"  var n = g.getAttribute('data-n'), t = g.querySelector('text'), m = Math.floor((w - 6) / CHW);\n"
"  t.textContent = m < 3 ? '' : (n.length <= m ? n : n.slice(0, m - 2) + '..');\n"
"}\n"
"function place(g, x, w) {\n"
"  var r = g.querySelector('rect'), t = g.querySelector('text');\n"
"  r.setAttribute('x', PAD + x * fw); r.setAttribute('width', w * fw > 1 ? w * fw - GAP : w * fw);\n"
"  t.setAttribute('x', PAD + x * fw + 3); label(g, w * fw);\n"
"}\n"
"function zoom(z) {\n"
"  var x0 = num(z, 'data-x'), w0 = num(z, 'data-w'), d0 = num(z, 'data-d'), e = 1e-9;\n"
"  frames.forEach(function (g) {\n"
"    var x = num(g, 'data-x'), w = num(g, 'data-w'), d = num(g, 'data-d');\n"
"    if (d < d0 && x <= x0 + e && x + w >= x0 + w0 - e) {\n"
"      g.style.display = ''; g.style.opacity = '0.6'; place(g, 0, 1);\n"
"    } else if (d >= d0 && x >= x0 - e && x + w <= x0 + w0 + e) {\n"
"      g.style.display = ''; g.style.opacity = ''; place(g, (x - x0) / w0, w / w0);\n"
"    } else {\n"
"      g.style.display = 'none';\n"
"    }\n"
"  });\n"
"  document.getElementById('reset').style.opacity = '1';\n"
"}\n"
"function reset() {\n"
"  frames.forEach(function (g) {\n"
"    g.style.display = ''; g.style.opacity = ''; place(g, num(g, 'data-x'), num(g, 'data-w'));\n"
"  });\n"
"  document.getElementById('reset').style.opacity = '0';\n"
"}\n"
"function search() {\n"
"  var s = prompt('Search frames (regular expression)', ''), re, spans = [], sum = 0, end = -1;\n"
"  frames.forEach(function (g) {\n"
"    var r = g.querySelector('rect');\n"
"    if (g.getAttribute('data-c') === null) g.setAttribute('data-c', r.getAttribute('fill'));\n"
"    r.setAttribute('fill', g.getAttribute('data-c'));\n"
"  });\n"
"  matchEl.textContent = '';\n"
"  if (!s) return;\n"
"  try { re = new RegExp(s); } catch (err) { matchEl.textContent = 'bad expression'; return; }\n"
"  frames.forEach(function (g) {\n"
"    if (!re.test(g.getAttribute('data-n'))) return;\n"
"    g.querySelector('rect').setAttribute('fill', 'rgb(220,60,220)');\n"
"    spans.push([num(g, 'data-x'), num(g, 'data-x') + num(g, 'data-w')]);\n"
"  });\n"
"  spans.sort(function (a, b) { return a[0] - b[0]; });\n"
"  spans.forEach(function (s) {\n"
"    if (s[0] >= end) { sum += s[1] - s[0]; end = s[1]; }\n"
"    else if (s[1] > end) { sum += s[1] - end; end = s[1]; }\n"
"  });\n"
"  matchEl.textContent = 'Matched: ' + (100 * sum).toFixed(1) + '%';\n"
"}\n"
"frames.forEach(function (g) {\n"
"  g.addEventListener('click', function () { zoom(g); });\n"
"  g.addEventListener('mouseover', function () {\n"
"    details.textContent = g.querySelector('title').textContent;\n"
"  });\n"
"  g.addEventListener('mouseout', function () { details.textContent = ' '; });\n"
"});\n"
"document.getElementById('reset').addEventListener('click', reset);\n"
"document.getElementById('search').addEventListener('click', search);\n";

int tk_flame__write(const struct tk_flame *fg, FILE *f, const char *title, const char *unit)
{
	struct ctx c = { .f = f, .total = fg->root.value, .unit = unit };
	struct node *root = (struct node *)&fg->root;
	int height;

	c.scale = c.total ? (double)(SVG_W - 2 * PAD) / (double)c.total : 0.0;
	c.depth = c.total ? depth_of(root, 0, c.scale) : 1;
	height = TOP + c.depth * FRAME_H + BOTTOM;
	fprintf(f, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>\n"
		"<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"%d\" "
		"height=\"%d\" viewBox=\"0 0 %d %d\">\n", SVG_W, height, SVG_W, height);
	fputs("<style>text { font-family: Verdana, sans-serif; font-size: 12px; fill: #000; }\n"
	      "g.f text { pointer-events: none; }\ng.f:hover rect { stroke: #000; stroke-width: 0.5; }\n"
	      "#title { font-size: 17px; }\n.btn { cursor: pointer; fill: #226; }</style>\n", f);
	fprintf(f, "<rect x=\"0\" y=\"0\" width=\"%d\" height=\"%d\" fill=\"#f8f8f0\"/>\n",
		SVG_W, height);
	fprintf(f, "<text id=\"title\" x=\"%d\" y=\"24\" text-anchor=\"middle\">", SVG_W / 2);
	xml(f, title ? title : "Flame Graph", strlen(title ? title : "Flame Graph"));
	fprintf(f, "</text>\n<text id=\"reset\" class=\"btn\" x=\"%d\" y=\"24\" "
		"style=\"opacity:0\">Reset Zoom</text>\n"
		"<text id=\"search\" class=\"btn\" x=\"%d\" y=\"24\" text-anchor=\"end\">Search</text>\n"
		"<text id=\"matched\" x=\"%d\" y=\"%d\" text-anchor=\"end\"> </text>\n"
		"<text id=\"details\" x=\"%d\" y=\"%d\"> </text>\n",
		PAD, SVG_W - PAD, SVG_W - PAD, height - 10, PAD, height - 10);
	if (c.total)
		emit(&c, root, 0, 0);
	fprintf(f, "<script type=\"text/ecmascript\"><![CDATA[\nvar SVGW = %d, PAD = %d, "
		"CHW = %d, GAP = %g;\n%s]]></script>\n</svg>\n", SVG_W, PAD, CHAR_W, GAP, script);
	fflush(f);
	return ferror(f) ? -EIO : 0;
}
