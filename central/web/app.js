// SPDX-License-Identifier: EUPL-1.2
// The staff web UI's start and its pages by address (#/promises, #/promise/2,
// …). Logged out, every address leads to the login.
import { api, can, h, loadGroup, showProblems, state, t } from "./core.js";
import * as pages from "./pages.js";

const main = document.getElementById("main");
const top = document.getElementById("top");

const NAV = [
	["promises", "promises"],
	["surveys", "surveys"],
	["settings", "settings"],
	["publish", "publish"],
	["kiosks", "kiosks"],
	["results", "results"],
	["users", "users", () => can.admin()],
	["account", "account"],
];

function header(current) {
	const lang = h(
		"select",
		{ id: "ui-lang", onchange: (e) => {
			state.ui = e.target.value;
			localStorage.setItem("ui", state.ui);
			route();
		} },
		h("option", { value: "sv", selected: state.ui === "sv", lang: "sv" }, "Svenska"),
		h("option", { value: "en", selected: state.ui === "en", lang: "en" }, "English")
	);
	const langBox = h("div", {}, h("label", { for: "ui-lang", class: "check" }, t("ui_language"), lang));
	if (!state.session) return [h("span", { class: "brand" }, t("app")), langBox];
	const groups = h(
		"select",
		{ id: "group", onchange: async (e) => {
			let g = e.target.value;
			if (g === "") {
				g = (prompt(t("new_group_name")) || "").trim();
				if (!/^[A-Za-z0-9_-][A-Za-z0-9._-]{0,62}$/.test(g)) return route();
				state.groups.push({ group: g });
			}
			await loadGroup(g);
			route();
		} },
		state.groups.map((g) => h("option", { value: g.group, selected: g.group === state.group }, g.group)),
		can.edit() ? h("option", { value: "" }, t("new_group")) : null
	);
	return [
		h("span", { class: "brand" }, t("app")),
		h("nav", { "aria-label": t("nav") }, h("ul", {}, NAV.filter((n) => !n[2] || n[2]()).map(([hash, key]) => h("li", {}, h("a", { href: "#/" + hash, "aria-current": current === hash ? "page" : null }, t(key)))))),
		h("div", {}, h("label", { for: "group", class: "check" }, t("group"), groups)),
		langBox,
		h("button", { type: "button", class: "link", onclick: logout }, `${t("logout")} (${state.session.user})`),
	];
}

async function logout() {
	await api("POST", "/api/logout", {});
	state.session = null;
	location.hash = "#/login";
}

function login() {
	const notice = sessionStorage.getItem("notice");
	sessionStorage.removeItem("notice");
	const msg = h("p", { id: "login-msg", class: "field-error", role: "alert" }, notice || "");
	const submit = async (e) => {
		e.preventDefault();
		const f = e.target.elements;
		const res = await api("POST", "/api/login", { user: f.user.value, password: f.password.value });
		if (res.status === 200) {
			state.session = res.data;
			await start();
			location.hash = "#/promises";
			return;
		}
		const wait = Number(res.headers.get("Retry-After") || 0);
		msg.textContent = res.status === 429 ? t("throttled", { minutes: Math.max(1, Math.ceil(wait / 60)) }) : t("wrong_login");
		f.password.value = "";
		f.password.focus();
	};
	document.title = t("login") + " – " + t("app");
	return h(
		"div",
		{ class: "login" },
		h("h1", {}, t("login")),
		msg,
		h(
			"form",
			{ onsubmit: submit },
			h("label", { for: "user" }, t("user")),
			h("input", { id: "user", name: "user", type: "text", required: true, autocomplete: "username" }),
			h("label", { for: "password" }, t("password")),
			h("input", { id: "password", name: "password", type: "password", required: true, autocomplete: "current-password" }),
			h("div", { class: "actions" }, h("button", { type: "submit" }, t("login")))
		)
	);
}

// The session, the groups and the chosen group's draft.
async function start() {
	const g = await api("GET", "/api/groups");
	state.groups = g.status === 200 ? g.data : [];
	const saved = localStorage.getItem("group");
	const group = state.groups.some((x) => x.group === saved) ? saved : state.groups[0]?.group || "kiosker";
	if (!state.groups.some((x) => x.group === group)) state.groups.push({ group });
	await loadGroup(group);
}

async function route() {
	document.documentElement.lang = state.ui;
	document.getElementById("skip").textContent = t("skip");
	const [path] = location.hash.replace(/^#\/?/, "").split("?");
	const [name, arg] = path.split("/");
	let content;
	if (!state.session || name === "login") {
		if (state.session && name === "login") state.session = null;
		top.replaceChildren(...header(null));
		main.replaceChildren(login());
		if (location.hash !== "#/login") history.replaceState(null, "", "#/login");
		document.getElementById("user")?.focus();
		return;
	}
	try {
		const fn = {
			"": pages.promises, promises: pages.promises, promise: () => pages.promise(Number(arg)),
			surveys: pages.surveys, survey: () => pages.survey(Number(arg)), settings: pages.settings,
			publish: pages.publish, kiosks: pages.kiosks, results: pages.results,
			users: can.admin() ? pages.users : pages.notFound, account: pages.account,
		}[name] || pages.notFound;
		content = await fn();
	} catch (e) {
		if (e.status === 401) return;
		content = [h("h1", {}, t("failed", { why: e.message }))];
	}
	const current = { promise: "promises", survey: "surveys" }[name] || name || "promises";
	top.replaceChildren(...header(current));
	main.replaceChildren(...[content].flat().filter((x) => x !== null && x !== undefined && x !== false));
	showProblems();
	// After a move inside the UI, reading starts at the new page; a fresh load
	// leaves focus alone, so that the first Tab reaches the skip link.
	if (routed) main.focus();
	routed = true;
}

let routed = false;

window.addEventListener("hashchange", route);

(async () => {
	const res = await fetch("/api/session", { credentials: "same-origin" });
	if (res.status === 200) {
		state.session = await res.json();
		await start();
	}
	route();
})();
