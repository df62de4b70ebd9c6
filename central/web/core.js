// SPDX-License-Identifier: EUPL-1.2
// What every page of the staff web UI shares: building elements (text is
// always set as text, never parsed as HTML), the API with its CSRF token, the
// group's draft and its fields, and checking as staff type with the kiosk's
// own messages.
import { strings } from "./i18n.js";

export const state = {
	ui: localStorage.getItem("ui") === "en" ? "en" : "sv",
	session: null,
	groups: [],
	group: null,
	bundle: null, // the draft being edited, as an object
	savedText: "", // the draft as last saved
	published: null, // the group's latest published bundle, as an object
	problems: [],
};

export function t(key, args = {}) {
	const s = strings[state.ui][key] ?? strings.sv[key] ?? key;
	return s.replace(/\{(\w+)\}/g, (_, k) => (k in args ? String(args[k]) : ""));
}

// An element: attributes (on* are listeners), then children (text or nodes).
export function h(tag, attrs = {}, ...kids) {
	const e = document.createElement(tag);
	for (const [k, v] of Object.entries(attrs || {})) {
		if (v === null || v === undefined || v === false) continue;
		if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
		else if (k === "value") e.value = v;
		else if (k === "checked") e.checked = !!v;
		else e.setAttribute(k, v === true ? "" : String(v));
	}
	for (const kid of kids.flat(Infinity)) {
		if (kid === null || kid === undefined || kid === false) continue;
		e.append(kid instanceof Node ? kid : document.createTextNode(String(kid)));
	}
	return e;
}

export function say(text) {
	const live = document.getElementById("live");
	live.textContent = "";
	setTimeout(() => (live.textContent = text), 50);
}

export const can = {
	edit: () => state.session && state.session.role !== "viewer",
	admin: () => state.session && state.session.role === "admin",
};

export class ApiError extends Error {
	constructor(status, message) {
		super(message);
		this.status = status;
	}
}

// One request: JSON in and out, the CSRF token on every change. A 401 means
// the session ended: the login page says so.
export async function api(method, path, body, raw = false) {
	const opt = { method, headers: {}, credentials: "same-origin" };
	if (method !== "GET") opt.headers["X-CSRF-Token"] = state.session ? state.session.csrf : "";
	if (body !== undefined) {
		opt.body = raw || typeof body === "string" ? body : JSON.stringify(body);
		opt.headers["Content-Type"] = raw ? "application/octet-stream" : "application/json";
	}
	const r = await fetch(path, opt);
	const type = r.headers.get("Content-Type") || "";
	const data = type.startsWith("application/json") ? await r.json() : await r.text();
	if (r.status === 401 && path !== "/api/login" && state.session) {
		state.session = null;
		sessionStorage.setItem("notice", t("session_ended"));
		location.hash = "#/login";
		throw new ApiError(401, t("session_ended"));
	}
	return { status: r.status, data, headers: r.headers };
}

export function errorText(res) {
	return res.data && res.data.error ? res.data.error : "HTTP " + res.status;
}

// Dates and numbers the Swedish way (or the English one).
const locale = () => (state.ui === "sv" ? "sv-SE" : "en-GB");
export const fmt = {
	number: (n) => new Intl.NumberFormat(locale()).format(n),
	percent: (n) => new Intl.NumberFormat(locale(), { style: "percent" }).format(n),
	time: (unix) =>
		unix ? new Intl.DateTimeFormat(locale(), { dateStyle: "medium", timeStyle: "short" }).format(new Date(unix * 1000)) : t("never"),
	bytes: (n) => new Intl.NumberFormat(locale(), { maximumFractionDigits: 1 }).format(n / 1e9) + " GB",
};

export function today() {
	const d = new Date();
	const pad = (n) => String(n).padStart(2, "0");
	return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

// Paths as the kiosk's messages name them: promises[2].title.sv.
export function parsePath(path) {
	return path.split(/\.|\[(\d+)\]/).filter((p) => p !== undefined && p !== "").map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

export function get(obj, path) {
	let o = obj;
	for (const k of parsePath(path)) {
		if (o === null || o === undefined) return undefined;
		o = o[k];
	}
	return o;
}

export function set(obj, path, value) {
	const keys = parsePath(path);
	let o = obj;
	keys.slice(0, -1).forEach((k, i) => {
		if (o[k] === undefined || o[k] === null) o[k] = typeof keys[i + 1] === "number" ? [] : {};
		o = o[k];
	});
	const last = keys[keys.length - 1];
	if (value === undefined) delete o[last];
	else o[last] = value;
}

export const langs = () => (state.bundle && Array.isArray(state.bundle.languages) && state.bundle.languages.length ? state.bundle.languages : ["sv"]);
export const first = (text) => (text && typeof text === "object" ? text[langs()[0]] || Object.values(text)[0] || "" : "");

export function dirty() {
	return state.bundle && JSON.stringify(state.bundle) !== state.savedText;
}

let checkTimer = null;
let onProblems = () => {};
export function watchProblems(fn) {
	onProblems = fn;
}

// Checks the draft with the kiosk's parser a moment after the last keystroke.
export function changed() {
	document.getElementById("unsaved")?.removeAttribute("hidden");
	clearTimeout(checkTimer);
	checkTimer = setTimeout(check, 400);
}

export async function check() {
	if (!can.edit() || !state.bundle) return;
	const res = await api("POST", "/api/check", JSON.stringify(state.bundle));
	if (res.status === 200) {
		state.problems = res.data.problems;
		showProblems();
	}
}

// Each problem at the field its path names; the rest in the page's summary.
export function showProblems() {
	const shown = new Set();
	for (const el of document.querySelectorAll("[data-path]")) {
		const path = el.dataset.path;
		const mine = state.problems.filter((p) => p.error && p.path === path);
		const box = document.getElementById(el.id + "-err");
		if (!box) continue;
		box.textContent = mine.map((p) => p.message).join(" ");
		box.hidden = mine.length === 0;
		if (mine.length) el.setAttribute("aria-invalid", "true");
		else el.removeAttribute("aria-invalid");
		mine.forEach((p) => shown.add(p));
	}
	onProblems(state.problems.filter((p) => p.error && !shown.has(p)));
}

let fieldCount = 0;
function fieldId(path) {
	return "f-" + path.replace(/[^A-Za-z0-9]+/g, "-") + "-" + ++fieldCount;
}

// One field of the draft at path: a label, the control, and where its
// problems go. kind: text, textarea, date, url, number, select.
export function field(path, label, kind = "text", opts = {}) {
	const id = fieldId(path);
	const value = get(state.bundle, path);
	const common = {
		id,
		"data-path": path,
		"aria-describedby": id + "-err" + (opts.help ? " " + id + "-help" : ""),
		disabled: !can.edit(),
		required: opts.required || false,
		lang: opts.lang || null,
		dir: opts.lang ? "auto" : null,
	};
	let control;
	const update = (v) => {
		set(state.bundle, path, opts.optional && v === "" ? undefined : kind === "number" ? Number(v) : v);
		if (opts.onchange) opts.onchange(v);
		changed();
	};
	if (kind === "textarea") {
		control = h("textarea", { ...common, oninput: (e) => update(e.target.value) });
		control.value = value ?? "";
	} else if (kind === "select") {
		control = h("select", { ...common, onchange: (e) => update(e.target.value) }, opts.choices.map(([v, l]) => h("option", { value: v, selected: v === value }, l)));
	} else {
		control = h("input", { ...common, type: kind, value: value ?? "", oninput: (e) => update(e.target.value) });
	}
	return h(
		"div",
		{ class: "field" },
		h("label", { for: id }, label, opts.mark || null),
		opts.help ? h("p", { id: id + "-help", class: "help" }, opts.help) : null,
		control,
		h("p", { id: id + "-err", class: "field-error", hidden: true })
	);
}

// A text in every language side by side; an empty one beside the first
// language is a missing translation, marked, and left out of the bundle.
export function textFields(path, label, kind = "text") {
	return h(
		"div",
		{ class: "langs" },
		langs().map((code, i) => {
			const value = get(state.bundle, `${path}.${code}`);
			const mark = i > 0 && !value ? h("span", { class: "missing" }, t("missing")) : null;
			return field(`${path}.${code}`, `${label} (${code})`, kind, {
				lang: code,
				optional: i > 0,
				required: i === 0,
				mark,
				onchange: (v) => {
					const lab = document.querySelector(`[data-path="${path}.${code}"]`)?.labels[0];
					const m = lab?.querySelector(".missing");
					if (i > 0 && !v && !m && lab) lab.append(h("span", { class: "missing" }, t("missing")));
					if (v && m) m.remove();
				},
			});
		})
	);
}

export function missingTranslations(obj) {
	let n = 0;
	const walk = (o) => {
		if (!o || typeof o !== "object") return;
		const keys = Object.keys(o);
		if (!Array.isArray(o) && keys.length && keys.includes(langs()[0]) && keys.every((k) => typeof o[k] === "string")) {
			n += langs().filter((c) => !o[c]).length;
			return;
		}
		keys.forEach((k) => walk(o[k]));
	};
	walk(obj);
	return n;
}

// A new version name for the bundle: today's date and a number.
export function nextVersion() {
	const prev = state.published ? state.published.version : "";
	const m = prev.match(/^(\d{4}-\d\d-\d\d)\.(\d+)/);
	const n = m && m[1] === today() ? Number(m[2]) + 1 : 1;
	return `${today()}.${n}`;
}

// A published survey changed under its old version number gets the next one.
export function surveyVersions() {
	const out = {};
	for (const s of state.bundle.surveys || []) {
		const p = (state.published?.surveys || []).find((x) => x.id === s.id);
		if (p && s.version === p.version && JSON.stringify(s) !== JSON.stringify(p)) out[s.id] = p.version + 1;
	}
	return out;
}

export async function save() {
	if (state.published && state.bundle.version === state.published.version) state.bundle.version = nextVersion();
	for (const [id, v] of Object.entries(surveyVersions())) state.bundle.surveys.find((s) => s.id === id).version = v;
	const text = JSON.stringify(state.bundle, null, 2);
	const res = await api("POST", `/api/groups/${encodeURIComponent(state.group)}/draft`, text);
	if (res.status !== 200) {
		say(t("save_failed", { why: errorText(res) }));
		return false;
	}
	state.savedText = JSON.stringify(state.bundle);
	state.problems = res.data.problems;
	showProblems();
	document.getElementById("unsaved")?.setAttribute("hidden", "");
	say(t("saved"));
	return true;
}

// The group's draft (or its published bundle) and its published one.
export async function loadGroup(group) {
	state.group = group;
	localStorage.setItem("group", group);
	const [draft, pub] = await Promise.all([
		api("GET", `/api/groups/${encodeURIComponent(group)}/draft`),
		api("GET", `/api/groups/${encodeURIComponent(group)}/published`),
	]);
	state.published = pub.status === 200 ? JSON.parse(pub.data.bundle) : null;
	if (draft.status === 200) {
		state.bundle = JSON.parse(draft.data.bundle);
		state.problems = draft.data.problems;
	} else {
		state.bundle = {
			format: 1,
			version: nextVersion(),
			title: { sv: "Medborgarlöften" },
			languages: ["sv", "en"],
			promises: [],
		};
		state.problems = [];
	}
	state.savedText = JSON.stringify(state.bundle);
}

// The bar of buttons under an editing page: save, and what is unsaved.
export function saveBar() {
	if (!can.edit()) return h("p", { class: "note" }, t("read_only"));
	return h(
		"div",
		{ class: "actions" },
		h("button", { type: "button", onclick: save }, t("save")),
		h("span", { id: "unsaved", class: "missing", hidden: !dirty() }, t("unsaved"))
	);
}

// The summary of problems no field on the page shows.
export function problemBox() {
	const box = h("div", { class: "errors", hidden: true, tabindex: "-1" });
	watchProblems((rest) => {
		box.replaceChildren(h("h2", {}, t("errors_title")), h("ul", {}, rest.map((p) => h("li", {}, h("code", {}, p.path), " ", p.message))));
		box.hidden = rest.length === 0;
	});
	return box;
}
