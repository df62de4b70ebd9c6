// SPDX-License-Identifier: EUPL-1.2
// The pages of the staff web UI. Each returns its content for <main>; all
// text goes in as text nodes, so what staff typed never becomes markup.
import {
	api, can, changed, errorText, field, first, fmt, get, h, langs, loadGroup, missingTranslations,
	problemBox, save, saveBar, say, set, showProblems, state, surveyVersions, t, textFields, today,
} from "./core.js";

const PARTIES = ["polis", "kommun", "region", "raddningstjanst", "bostadsbolag", "naringsliv", "foreningsliv", "skola"];
const STATUSES = ["planned", "in_progress", "done", "paused"];
const DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
const TYPES = ["single", "multi", "scale", "yesno"];
const SIZES = ["800x480", "1080x1920", "480x800", "1920x1080"];

const enc = encodeURIComponent;

// The survey page's notice that saving makes a new version, kept true as staff type.
let versionNote = null;
document.addEventListener("input", () => {
	if (versionNote && versionNote.isConnected) versionNote.hidden = !surveyVersions()[versionNote.dataset.id];
});
const rerender = () => window.dispatchEvent(new HashChangeEvent("hashchange"));

function page(title, ...kids) {
	document.title = `${title} – ${t("app")}`;
	return [h("h1", {}, title), ...kids];
}

function slug(text) {
	return (text || "").toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 40) || "ny";
}

export function promises() {
	const list = state.bundle.promises || [];
	const add = () => {
		let id = "nytt-lofte", n = 1;
		while (list.some((p) => p.id === id)) id = `nytt-lofte-${++n}`;
		const year = today().slice(0, 4);
		list.push({
			id,
			title: { [langs()[0]]: "" },
			body: { [langs()[0]]: "" },
			parties: ["polis", "kommun"],
			area: { [langs()[0]]: "" },
			period: { from: today(), to: `${year}-12-31` },
			status: "planned",
			updates: [],
		});
		state.bundle.promises = list;
		changed();
		location.hash = `#/promise/${list.length - 1}`;
	};
	const missing = missingTranslations(list);
	return page(
		t("promises"),
		problemBox(),
		missing ? h("p", { class: "note" }, t("missing_count", { n: missing })) : null,
		h(
			"table",
			{},
			h("thead", {}, h("tr", {}, h("th", { scope: "col" }, t("title")), h("th", { scope: "col" }, t("status")), h("th", { scope: "col" }, t("period")), h("th", { scope: "col" }, t("latest_update")))),
			h(
				"tbody",
				{},
				list.map((p, i) => {
					const last = [...(p.updates || [])].sort((a, b) => (a.date < b.date ? 1 : -1))[0];
					return h(
						"tr",
						{},
						h("td", {}, h("a", { href: `#/promise/${i}` }, first(p.title) || p.id)),
						h("td", {}, t("status_" + p.status)),
						h("td", {}, `${p.period?.from || ""} – ${p.period?.to || ""}`),
						h("td", {}, last ? `${last.date}: ${first(last.text)}` : t("none"))
					);
				})
			)
		),
		can.edit() ? h("div", { class: "actions" }, h("button", { type: "button", onclick: add }, t("new_promise"))) : null,
		saveBar()
	);
}

function updatesEditor(base, p) {
	const wrap = h("fieldset", {}, h("legend", {}, t("updates")));
	const add = () => {
		p.updates = p.updates || [];
		p.updates.unshift({ date: today(), text: { [langs()[0]]: "" } });
		changed();
		rerender();
		setTimeout(() => document.querySelector(`[data-path="${base}.updates[0].text.${langs()[0]}"]`)?.focus(), 50);
	};
	if (can.edit()) wrap.append(h("div", { class: "actions" }, h("button", { type: "button", onclick: add }, t("add_update"))));
	(p.updates || []).forEach((u, k) => {
		const remove = () => {
			p.updates.splice(k, 1);
			changed();
			rerender();
		};
		wrap.append(
			h(
				"div",
				{ class: "card" },
				h("h3", {}, `${t("update")} ${u.date || ""}`),
				field(`${base}.updates[${k}].date`, t("date"), "date"),
				textFields(`${base}.updates[${k}].text`, t("text"), "textarea"),
				can.edit() ? h("button", { type: "button", class: "secondary", onclick: remove }, t("remove")) : null
			)
		);
	});
	return wrap;
}

// The promise's "because": a survey, one of its questions with options, and the
// options that led to the promise; with the sentence the kiosk shows for it today.
function becauseEditor(p) {
	const surveys = state.bundle.surveys || [];
	const b = p.because || null;
	const wrap = h("fieldset", {}, h("legend", {}, t("because")));
	const sentence = h("p", { class: "note", "aria-live": "polite" });
	const update = () => {
		changed();
		rerender();
	};
	wrap.append(
		h("label", { for: "because-survey" }, t("because_survey")),
		h("select", { id: "because-survey", disabled: !can.edit(), onchange: (e) => {
			if (!e.target.value) delete p.because;
			else p.because = { survey: e.target.value, q: "", options: [] };
			update();
		} }, h("option", { value: "" }, t("because_none")), surveys.map((s) => h("option", { value: s.id, selected: b && b.survey === s.id }, first(s.title) || s.id)))
	);
	const survey = b && surveys.find((s) => s.id === b.survey);
	if (!survey) return wrap;
	const questions = survey.questions || [];
	wrap.append(
		h("label", { for: "because-q" }, t("because_question")),
		h("select", { id: "because-q", disabled: !can.edit(), onchange: (e) => {
			b.q = e.target.value;
			b.options = [];
			update();
		} }, h("option", { value: "" }, "–"), questions.map((q) => h("option", { value: q.id, selected: b.q === q.id }, first(q.text) || q.id)))
	);
	const q = questions.find((x) => x.id === b.q);
	if (!q) return wrap;
	const opts = q.type === "yesno" ? [{ id: "yes", label: { [langs()[0]]: "ja / yes" } }, { id: "no", label: { [langs()[0]]: "nej / no" } }] : q.options || [];
	wrap.append(h("fieldset", {}, h("legend", {}, t("because_options")), opts.map((o) =>
		h("label", { class: "check" }, h("input", { type: "checkbox", checked: b.options.includes(o.id), disabled: !can.edit(), onchange: (e) => {
			const set_ = new Set(b.options);
			e.target.checked ? set_.add(o.id) : set_.delete(o.id);
			b.options = opts.map((x) => x.id).filter((x) => set_.has(x));
			changed();
			showSentence();
		} }), first(o.label) || o.id))));
	const showSentence = async () => {
		const res = await api("GET", `/api/groups/${enc(state.group)}/results`);
		const rs = (res.data.surveys || []).find((x) => x.survey_id === b.survey);
		const rq = rs && rs.questions.find((x) => x.q === b.q);
		if (!rq || !b.options.length) {
			sentence.textContent = t("because_nothing", { min: res.data.min_n || 10 });
			return;
		}
		const sum = rq.options.filter((o) => b.options.includes(o.id)).reduce((a, o) => a + (o.n || 0), 0);
		const labels = opts.filter((o) => b.options.includes(o.id)).map((o) => first(o.label) || o.id).join(", ");
		sentence.textContent = t("because_sentence", { pct: Math.round((100 * sum) / rq.n), n: rq.n, options: labels });
	};
	wrap.append(sentence);
	showSentence();
	return wrap;
}

export function promise(index) {
	const p = (state.bundle.promises || [])[index];
	if (!p) return notFound();
	const base = `promises[${index}]`;
	const parties = h(
		"fieldset",
		{ "data-path": `${base}.parties`, id: `parties-${index}` },
		h("legend", {}, t("parties")),
		PARTIES.map((code) =>
			h(
				"label",
				{ class: "check" },
				h("input", {
					type: "checkbox",
					checked: (p.parties || []).includes(code),
					disabled: !can.edit(),
					onchange: (e) => {
						const s = new Set(p.parties || []);
						e.target.checked ? s.add(code) : s.delete(code);
						p.parties = PARTIES.filter((x) => s.has(x));
						changed();
					},
				}),
				t("party_" + code)
			)
		),
		h("p", { id: `parties-${index}-err`, class: "field-error", hidden: true })
	);
	const remove = () => {
		if (!confirm(t("confirm_remove", { name: first(p.title) || p.id }))) return;
		state.bundle.promises.splice(index, 1);
		changed();
		location.hash = "#/promises";
	};
	return page(
		first(p.title) || t("new_promise"),
		h("p", {}, h("a", { href: "#/promises" }, t("back"))),
		problemBox(),
		field(`${base}.id`, t("id"), "text", { required: true }),
		textFields(`${base}.title`, t("title")),
		textFields(`${base}.body`, t("body"), "textarea"),
		textFields(`${base}.area`, t("area")),
		parties,
		h("fieldset", {}, h("legend", {}, t("period")), h("div", { class: "row" }, h("div", {}, field(`${base}.period.from`, t("from"), "date")), h("div", {}, field(`${base}.period.to`, t("to"), "date")))),
		field(`${base}.status`, t("status"), "select", { choices: STATUSES.map((s) => [s, t("status_" + s)]) }),
		updatesEditor(base, p),
		h("fieldset", {}, h("legend", {}, t("link")), field(`${base}.link.url`, t("link_url"), "url", { optional: true }), textFields(`${base}.link.label`, t("link_label"))),
		becauseEditor(p),
		saveBar(),
		can.edit() ? h("button", { type: "button", class: "danger", onclick: remove }, t("remove")) : null
	);
}

export function surveys() {
	const list = state.bundle.surveys || [];
	const add = () => {
		const id = `enkat-${today().slice(0, 4)}-${list.length + 1}`;
		list.push({
			id,
			version: 1,
			title: { [langs()[0]]: "" },
			intro: { [langs()[0]]: "" },
			active: { from: today(), to: `${today().slice(0, 4)}-12-31` },
			questions: [{ id: "q1", type: "yesno", text: { [langs()[0]]: "" } }],
		});
		state.bundle.surveys = list;
		changed();
		location.hash = `#/survey/${list.length - 1}`;
	};
	return page(
		t("surveys"),
		problemBox(),
		h(
			"table",
			{},
			h("thead", {}, h("tr", {}, h("th", { scope: "col" }, t("title")), h("th", { scope: "col" }, t("version")), h("th", { scope: "col" }, t("active")), h("th", { scope: "col", class: "num" }, t("questions")))),
			h(
				"tbody",
				{},
				list.map((s, i) =>
					h(
						"tr",
						{},
						h("td", {}, h("a", { href: `#/survey/${i}` }, first(s.title) || s.id)),
						h("td", {}, String(s.version)),
						h("td", {}, `${s.active?.from || ""} – ${s.active?.to || ""}`),
						h("td", { class: "num" }, String((s.questions || []).length))
					)
				)
			)
		),
		can.edit() ? h("div", { class: "actions" }, h("button", { type: "button", onclick: add }, t("new_survey"))) : null,
		saveBar()
	);
}

function optionsEditor(base, q) {
	const wrap = h("fieldset", {}, h("legend", {}, t("options")));
	(q.options || []).forEach((o, k) => {
		const remove = () => {
			q.options.splice(k, 1);
			changed();
			rerender();
		};
		wrap.append(
			h(
				"div",
				{ class: "card" },
				h("h4", {}, t("option", { n: k + 1 })),
				field(`${base}.options[${k}].id`, t("id")),
				textFields(`${base}.options[${k}].label`, t("label")),
				can.edit() ? h("button", { type: "button", class: "secondary", onclick: remove }, t("remove")) : null
			)
		);
	});
	const add = () => {
		q.options = q.options || [];
		q.options.push({ id: `alt${q.options.length + 1}`, label: { [langs()[0]]: "" } });
		changed();
		rerender();
	};
	if (can.edit()) wrap.append(h("button", { type: "button", class: "secondary", onclick: add }, t("add_option")));
	return wrap;
}

function showIfEditor(base, s, qi) {
	const q = s.questions[qi];
	const earlier = s.questions.slice(0, qi).filter((x) => x.type !== "multi" || true);
	const cond = q.show_if || null;
	const wrap = h("fieldset", {}, h("legend", {}, t("show_if")));
	wrap.append(
		field(`${base}.show_if.question`, t("question", { n: "" }).trim(), "select", {
			choices: [["", t("show_if_none")], ...earlier.map((x) => [x.id, first(x.text) || x.id])],
			onchange: (v) => {
				if (!v) delete q.show_if;
				else q.show_if = { question: v, options: [] };
				rerender();
			},
		})
	);
	const target = cond && s.questions.find((x) => x.id === cond.question);
	if (target) {
		const opts = target.type === "yesno" ? [{ id: "yes", label: { [langs()[0]]: "ja / yes" } }, { id: "no", label: { [langs()[0]]: "nej / no" } }] : target.options || [];
		wrap.append(
			h("p", {}, t("show_if_options")),
			opts.map((o) =>
				h(
					"label",
					{ class: "check" },
					h("input", {
						type: "checkbox",
						checked: cond.options.includes(o.id),
						disabled: !can.edit(),
						onchange: (e) => {
							const set_ = new Set(cond.options);
							e.target.checked ? set_.add(o.id) : set_.delete(o.id);
							cond.options = opts.map((x) => x.id).filter((x) => set_.has(x));
							changed();
						},
					}),
					first(o.label) || o.id
				)
			)
		);
	}
	return wrap;
}

export function survey(index) {
	const s = (state.bundle.surveys || [])[index];
	if (!s) return notFound();
	const base = `surveys[${index}]`;
	const bump = surveyVersions()[s.id];
	const pub = (state.published?.surveys || []).find((x) => x.id === s.id);
	const note = h("p", { class: "note", id: "version-note", "data-id": s.id, hidden: !bump }, pub ? t("new_version", { v: pub.version, n: pub.version + 1 }) : "");
	versionNote = note;
	const questions = h("div", {});
	s.questions.forEach((q, qi) => {
		const qb = `${base}.questions[${qi}]`;
		const remove = () => {
			s.questions.splice(qi, 1);
			changed();
			rerender();
		};
		questions.append(
			h(
				"div",
				{ class: "card" },
				h("h3", {}, t("question", { n: qi + 1 })),
				field(`${qb}.id`, t("id")),
				field(`${qb}.type`, t("type"), "select", {
					choices: TYPES.map((x) => [x, t("type_" + x)]),
					onchange: (v) => {
						if (v === "yesno") delete q.options;
						else if (!q.options) q.options = [{ id: "alt1", label: { [langs()[0]]: "" } }, { id: "alt2", label: { [langs()[0]]: "" } }];
						rerender();
					},
				}),
				textFields(`${qb}.text`, t("text")),
				q.type === "multi" ? field(`${qb}.max`, t("max"), "number", { optional: true }) : null,
				q.type !== "yesno" ? optionsEditor(qb, q) : null,
				qi > 0 ? showIfEditor(qb, s, qi) : null,
				can.edit() && s.questions.length > 1 ? h("button", { type: "button", class: "danger", onclick: remove }, t("remove")) : null
			)
		);
	});
	const addQ = () => {
		s.questions.push({ id: `q${s.questions.length + 1}`, type: "yesno", text: { [langs()[0]]: "" } });
		changed();
		rerender();
	};
	const main = page(
		first(s.title) || s.id,
		h("p", {}, h("a", { href: "#/surveys" }, t("back"))),
		note,
		problemBox(),
		field(`${base}.id`, t("id")),
		h("p", {}, `${t("version")}: ${s.version}`),
		textFields(`${base}.title`, t("title")),
		textFields(`${base}.intro`, t("intro"), "textarea"),
		h("fieldset", {}, h("legend", {}, t("active")), h("div", { class: "row" }, h("div", {}, field(`${base}.active.from`, t("from"), "date")), h("div", {}, field(`${base}.active.to`, t("to"), "date")))),
		field(`${base}.min_duration_s`, t("min_duration"), "number", { optional: true }),
		h("h2", {}, t("questions")),
		questions,
		can.edit() ? h("button", { type: "button", class: "secondary", onclick: addQ }, t("add_question")) : null,
		h("fieldset", {}, h("legend", {}, t("followup")), field(`${base}.followup.url`, t("link_url"), "url", { optional: true }), textFields(`${base}.followup.label`, t("link_label"))),
		saveBar()
	);
	return main;
}

function hoursEditor() {
	const always = !state.bundle.opening_hours;
	const wrap = h("fieldset", {}, h("legend", {}, t("hours")));
	wrap.append(
		h(
			"label",
			{ class: "check" },
			h("input", {
				type: "checkbox",
				checked: always,
				disabled: !can.edit(),
				onchange: (e) => {
					if (e.target.checked) delete state.bundle.opening_hours;
					else state.bundle.opening_hours = Object.fromEntries(DAYS.map((d) => [d, d === "sun" ? [] : ["10:00-18:00"]]));
					changed();
					rerender();
				},
			}),
			t("hours_always")
		)
	);
	if (!always) {
		DAYS.forEach((d) => {
			const id = `hours-${d}`;
			const value = (state.bundle.opening_hours[d] || []).join(", ");
			wrap.append(
				h("label", { for: id }, t("day_" + d)),
				h("input", {
					id,
					type: "text",
					value,
					"data-path": `opening_hours.${d}`,
					"aria-describedby": `${id}-err hours-help`,
					disabled: !can.edit(),
					oninput: (e) => {
						state.bundle.opening_hours[d] = e.target.value.split(",").map((x) => x.trim()).filter(Boolean);
						changed();
					},
				}),
				h("p", { id: `${id}-err`, class: "field-error", hidden: true })
			);
		});
		wrap.append(h("p", { id: "hours-help" }, t("hours_help")));
	}
	return wrap;
}

function linksEditor() {
	const wrap = h("fieldset", {}, h("legend", {}, t("links")));
	(state.bundle.links || []).forEach((l, i) => {
		const remove = () => {
			state.bundle.links.splice(i, 1);
			changed();
			rerender();
		};
		wrap.append(
			h(
				"div",
				{ class: "card" },
				field(`links[${i}].id`, t("id")),
				field(`links[${i}].url`, t("link_url"), "url"),
				textFields(`links[${i}].label`, t("link_label")),
				can.edit() ? h("button", { type: "button", class: "secondary", onclick: remove }, t("remove")) : null
			)
		);
	});
	const add = () => {
		state.bundle.links = state.bundle.links || [];
		state.bundle.links.push({ id: `lank-${state.bundle.links.length + 1}`, url: "https://", label: { [langs()[0]]: "" } });
		changed();
		rerender();
	};
	if (can.edit()) wrap.append(h("button", { type: "button", class: "secondary", onclick: add }, t("add_link")));
	return wrap;
}

function imagesEditor() {
	const wrap = h("fieldset", {}, h("legend", {}, t("images")));
	const list = h("ul", {}, (state.bundle.assets || []).map((a) => h("li", {}, `${a.name} (${fmt.number(a.bytes)} B)`)));
	wrap.append(list);
	if (!can.edit()) return wrap;
	const upload = async (e) => {
		const file = e.target.files[0];
		if (!file) return;
		const res = await api("POST", "/api/assets", await file.arrayBuffer(), true);
		if (res.status !== 200) return say(t("failed", { why: errorText(res) }));
		const name = file.name.toLowerCase().replace(/[^a-z0-9._-]+/g, "-");
		state.bundle.assets = (state.bundle.assets || []).filter((a) => a.name !== name);
		state.bundle.assets.push({ name, url: `assets/${res.data.sha256}`, sha256: res.data.sha256, bytes: res.data.bytes });
		changed();
		say(t("uploaded", { name }));
		rerender();
	};
	wrap.append(h("label", { for: "upload" }, t("upload")), h("input", { id: "upload", type: "file", accept: "image/png,image/jpeg", onchange: upload }));
	return wrap;
}

export function settings() {
	return page(
		t("settings"),
		problemBox(),
		textFields("title", t("bundle_title")),
		h("div", { class: "field" },
			h("label", { for: "languages" }, t("languages")),
			h("p", { id: "languages-help" }, t("languages_help")),
			h("input", {
				id: "languages",
				type: "text",
				"data-path": "languages",
				"aria-describedby": "languages-err languages-help",
				value: langs().join(", "),
				disabled: !can.edit(),
				onchange: (e) => {
					state.bundle.languages = e.target.value.split(",").map((x) => x.trim()).filter(Boolean);
					changed();
					rerender();
				},
			}),
			h("p", { id: "languages-err", class: "field-error", hidden: true })
		),
		field("idle_timeout_s", t("idle"), "number", { optional: true }),
		hoursEditor(),
		linksEditor(),
		imagesEditor(),
		saveBar()
	);
}

// What changed between the published bundle and the draft.
function changes() {
	const pub = state.published;
	if (!pub) return [t("nothing_published")];
	const out = [];
	const byId = (l) => Object.fromEntries((l || []).map((x) => [x.id, x]));
	const a = byId(pub.promises), b = byId(state.bundle.promises);
	for (const id in b) if (!a[id]) out.push(t("added", { name: first(b[id].title) || id }));
	for (const id in a) if (!b[id]) out.push(t("removed", { name: first(a[id].title) || id }));
	for (const id in b) if (a[id] && JSON.stringify(a[id]) !== JSON.stringify(b[id])) out.push(t("changed", { name: first(b[id].title) || id }));
	const sa = byId(pub.surveys), sb = byId(state.bundle.surveys);
	const bumps = surveyVersions();
	for (const id in sb) {
		if (!sa[id]) out.push(t("survey_new", { name: first(sb[id].title) || id }));
		else if (bumps[id] || sb[id].version !== sa[id].version) out.push(t("survey_changed", { name: first(sb[id].title) || id, v: bumps[id] || sb[id].version }));
	}
	const rest = (x) => JSON.stringify([x.title, x.languages, x.links, x.opening_hours, x.idle_timeout_s, x.assets]);
	if (rest(pub) !== rest(state.bundle)) out.push(t("settings_changed"));
	return out.length ? out : [t("no_changes")];
}

function previewPanel() {
	const lang = h("select", { id: "pv-lang" }, langs().map((c) => h("option", { value: c }, c)));
	const size = h("select", { id: "pv-size" }, SIZES.map((s) => h("option", { value: s }, s.replace("x", " × "))));
	const out = h("div", { class: "previews", "aria-live": "polite" });
	const run = async (e) => {
		e.preventDefault();
		if (can.edit() && (await needsSave()) && !(await save())) return;
		out.replaceChildren(h("p", {}, t("preview_wait")));
		const res = await api("POST", `/api/groups/${enc(state.group)}/preview`, { lang: lang.value, size: size.value });
		if (res.status !== 200) return out.replaceChildren(h("p", { class: "field-error" }, t("failed", { why: errorText(res) })));
		out.replaceChildren(
			...res.data.files.map((f) =>
				h("figure", {}, h("img", { src: `/api/previews/${enc(res.data.preview)}/${enc(f)}`, alt: `${f.replace(/\.png$/, "")} (${lang.value}, ${size.value})`, loading: "lazy" }), h("figcaption", {}, f.replace(/\.png$/, "")))
			)
		);
	};
	return h(
		"section",
		{ "aria-labelledby": "pv-h" },
		h("h2", { id: "pv-h" }, t("preview")),
		h("form", { class: "row", onsubmit: run },
			h("div", {}, h("label", { for: "pv-lang" }, t("preview_lang")), lang),
			h("div", {}, h("label", { for: "pv-size" }, t("preview_size")), size),
			h("div", {}, h("button", { type: "submit" }, t("preview_make")))),
		out
	);
}

async function needsSave() {
	return JSON.stringify(state.bundle) !== state.savedText || !(await api("GET", `/api/groups/${enc(state.group)}/draft`)).data.draft;
}

async function history() {
	const res = await api("GET", `/api/groups/${enc(state.group)}/history`);
	const rows = res.status === 200 ? res.data : [];
	const rollback = async (row) => {
		if (!confirm(t("rollback_confirm", { v: row.version, group: state.group }))) return;
		const r = await api("POST", `/api/groups/${enc(state.group)}/rollback`, { seq: row.seq });
		say(r.status === 200 ? t("rolled_back", { v: row.version }) : t("failed", { why: errorText(r) }));
		await loadGroup(state.group);
		rerender();
	};
	return h(
		"table",
		{},
		h("caption", {}, t("history")),
		h("thead", {}, h("tr", {}, h("th", { scope: "col" }, t("version")), h("th", { scope: "col" }, t("published_at")), h("th", { scope: "col" }, t("by")), can.edit() ? h("th", { scope: "col" }, h("span", { class: "visually-hidden" }, t("rollback"))) : null)),
		h("tbody", {}, rows.map((row, i) =>
			h("tr", {},
				h("td", {}, row.version),
				h("td", {}, fmt.time(row.published_at)),
				h("td", {}, row.by || "–"),
				can.edit() ? h("td", {}, i > 0 ? h("button", { type: "button", class: "secondary", onclick: () => rollback(row), "aria-label": `${t("rollback")} ${row.version}` }, t("rollback")) : null) : null)))
	);
}

export async function publish() {
	const result = h("div", { "aria-live": "polite" });
	const go = async () => {
		if (await needsSave()) {
			if (!(await save())) return;
		}
		const res = await api("POST", `/api/groups/${enc(state.group)}/publish`, {});
		if (res.status === 200) {
			result.replaceChildren(h("p", { class: "ok" }, t("published_ok", { what: res.data.published })));
			await loadGroup(state.group);
			setTimeout(rerender, 1500);
		} else {
			state.problems = res.data.problems || [];
			showProblems();
			result.replaceChildren(h("p", { class: "field-error" }, t("publish_failed", { why: errorText(res) })));
		}
	};
	return page(
		t("publish"),
		problemBox(),
		h("section", { "aria-labelledby": "ch-h" }, h("h2", { id: "ch-h" }, t("changes")), h("ul", {}, changes().map((c) => h("li", {}, c)))),
		previewPanel(),
		can.edit() ? h("div", { class: "actions" }, h("button", { type: "button", id: "publish", onclick: go }, t("publish_to", { group: state.group }))) : null,
		result,
		await history()
	);
}

function kioskConf(res) {
	const listen = state.session.kiosk_listen;
	const port = listen.slice(listen.lastIndexOf(":") + 1);
	let host = listen.slice(0, listen.lastIndexOf(":"));
	if (host === "0.0.0.0" || host === "[::]") host = location.hostname;
	return `[kiosk]\nid = ${res.id}\n\n[central]\nurl = https://${host}:${port}${state.session.base_path}\ntoken_file = /etc/kiosk/token\n`;
}

export async function kiosks() {
	const res = await api("GET", "/api/kiosks");
	const list = res.status === 200 ? res.data : [];
	const out = h("div", { "aria-live": "polite" });
	const add = async (e) => {
		e.preventDefault();
		const r = await api("POST", "/api/kiosks", { id: e.target.elements.kid.value, group: e.target.elements.kgroup.value });
		if (r.status !== 200) return out.replaceChildren(h("p", { class: "field-error" }, t("failed", { why: errorText(r) })));
		out.replaceChildren(h("p", {}, t("token_once")), h("pre", { class: "token" }, r.data.token), h("pre", { class: "token" }, kioskConf(r.data)));
	};
	const revoke = async (k) => {
		if (!confirm(t("revoke_confirm", { id: k.id }))) return;
		const r = await api("POST", `/api/kiosks/${enc(k.id)}/revoke`, {});
		say(r.status === 200 ? t("done") : t("failed", { why: errorText(r) }));
		rerender();
	};
	const st = (k, name) => (k.status ? k.status[name] : undefined);
	return page(
		t("kiosks"),
		h("table", {},
			h("thead", {}, h("tr", {}, ["kiosk", "group", "heartbeat", "content", "pending", "rejected", "last_error", "disk", "clock"].map((c) => h("th", { scope: "col", class: ["pending", "rejected", "disk"].includes(c) ? "num" : null }, t(c))), can.admin() ? h("th", { scope: "col" }, h("span", { class: "visually-hidden" }, t("revoke"))) : null)),
			h("tbody", {}, list.map((k) =>
				h("tr", {},
					h("th", { scope: "row" }, k.id, k.revoked ? h("span", { class: "quiet" }, ` (${t("revoked")})`) : k.quiet ? h("span", { class: "quiet" }, ` (${t("quiet")})`) : null),
					h("td", {}, k.group),
					h("td", {}, k.last_heartbeat ? fmt.time(Date.parse(k.last_heartbeat) / 1000) : t("never")),
					h("td", {}, st(k, "content_version") || "–"),
					h("td", { class: "num" }, st(k, "pending") !== undefined ? fmt.number(st(k, "pending")) : "–"),
					h("td", { class: "num" }, st(k, "rejected") !== undefined ? fmt.number(st(k, "rejected")) : "–"),
					h("td", {}, st(k, "last_error") || "–"),
					h("td", { class: "num" }, st(k, "disk_free_bytes") !== undefined ? fmt.bytes(st(k, "disk_free_bytes")) : "–"),
					h("td", {}, st(k, "clock_synced") === undefined ? "–" : st(k, "clock_synced") ? t("clock_ok") : t("clock_bad")),
					can.admin() ? h("td", {}, k.revoked ? null : h("button", { type: "button", class: "secondary", onclick: () => revoke(k), "aria-label": `${t("revoke")} ${k.id}` }, t("revoke"))) : null)))),
		can.admin()
			? h("form", { onsubmit: add },
				h("h2", {}, t("add_kiosk")),
				h("div", { class: "row" },
					h("div", {}, h("label", { for: "kid" }, t("kiosk_id")), h("input", { id: "kid", name: "kid", type: "text", required: true, pattern: "[A-Za-z0-9._-]{1,63}" })),
					h("div", {}, h("label", { for: "kgroup" }, t("group")), h("input", { id: "kgroup", name: "kgroup", type: "text", required: true, value: state.group, pattern: "[A-Za-z0-9._-]{1,63}" })),
					h("div", {}, h("button", { type: "submit" }, t("add_kiosk")))),
				out)
			: null
	);
}

function labelOf(survey, qid, oid) {
	const q = survey?.questions?.find((x) => x.id === qid);
	if (oid === undefined) return q ? first(q.text) || qid : qid;
	if (q?.type === "yesno") return oid === "yes" ? (state.ui === "sv" ? "Ja" : "Yes") : oid === "no" ? (state.ui === "sv" ? "Nej" : "No") : oid;
	const o = q?.options?.find((x) => x.id === oid);
	return o ? first(o.label) || oid : oid;
}

function chart(canvas, labels, counts, title) {
	if (!window.Chart) return;
	new window.Chart(canvas, {
		type: "bar",
		data: { labels, datasets: [{ label: t("count"), data: counts, backgroundColor: "#0b4f8a" }] },
		options: { indexAxis: "y", animation: false, plugins: { legend: { display: false }, title: { display: false, text: title } }, scales: { x: { beginAtZero: true, ticks: { precision: 0 } } } },
	});
}

export async function results() {
	const params = new URLSearchParams(location.hash.split("?")[1] || "");
	const form = h("form", { class: "row", onsubmit: (e) => {
		e.preventDefault();
		const q = new URLSearchParams();
		for (const el of e.target.elements) if (el.name && el.value) q.set(el.name, el.value);
		location.hash = "#/results?" + q.toString();
	} });
	const res = await api("GET", "/api/results?" + params.toString());
	const list = res.status === 200 ? res.data : [];
	const surveysKnown = [...new Set([...(state.published?.surveys || []).map((s) => s.id), ...list.map((s) => s.survey)])];
	const chosen = params.get("survey") || surveysKnown[0] || "";
	const sel = (name, label, choices) =>
		h("div", {}, h("label", { for: "r-" + name }, label), h("select", { id: "r-" + name, name }, choices.map(([v, l]) => h("option", { value: v, selected: (params.get(name) || (name === "survey" ? chosen : "")) === v }, l))));
	form.append(
		sel("survey", t("survey"), surveysKnown.map((id) => [id, first((state.published?.surveys || []).find((s) => s.id === id)?.title) || id])),
		h("div", {}, h("label", { for: "r-from" }, t("from")), h("input", { id: "r-from", name: "from", type: "date", value: params.get("from") || "" })),
		h("div", {}, h("label", { for: "r-to" }, t("to")), h("input", { id: "r-to", name: "to", type: "date", value: params.get("to") || "" })),
		sel("group", t("group"), [["", t("all")], ...state.groups.map((g) => [g.group, g.group])]),
		sel("language", t("language"), [["", t("all")], ...langs().map((c) => [c, c])]),
		sel("status", t("status"), [["", t("all")], ["complete", t("complete")], ["abandoned", t("abandoned")]]),
		h("div", {}, h("button", { type: "submit" }, t("filter")))
	);
	const data = list.find((s) => s.survey === chosen);
	const survey = (state.published?.surveys || []).find((s) => s.id === chosen);
	const csv = new URLSearchParams(params);
	csv.set("format", "csv");
	if (chosen) csv.set("survey", chosen);
	const body = [];
	if (!data) body.push(h("p", {}, t("no_results")));
	else {
		body.push(h("p", {}, t("responses", { n: fmt.number(data.responses), c: fmt.number(data.complete) })));
		for (const q of data.questions) {
			const ids = [...(survey?.questions?.find((x) => x.id === q.q)?.options || []).map((o) => o.id), ...Object.keys(q.counts)];
			const order = [...new Set(ids)].filter((id) => id in q.counts || survey);
			const labels = order.map((id) => labelOf(survey, q.q, id));
			const counts = order.map((id) => q.counts[id] || 0);
			const title = labelOf(survey, q.q);
			const canvas = h("canvas", { role: "img", "aria-label": t("chart", { q: title }) });
			body.push(
				h("section", { class: "card" },
					h("h2", {}, title),
					h("p", {}, t("answered", { n: fmt.number(q.n) })),
					h("div", { class: "chart" }, canvas),
					h("table", {},
						h("thead", {}, h("tr", {}, h("th", { scope: "col" }, t("options")), h("th", { scope: "col", class: "num" }, t("count")), h("th", { scope: "col", class: "num" }, t("share")))),
						h("tbody", {}, order.map((id, i) => h("tr", {}, h("td", {}, labels[i]), h("td", { class: "num" }, fmt.number(counts[i])), h("td", { class: "num" }, q.n ? fmt.percent(counts[i] / q.n) : "–")))))
				)
			);
			setTimeout(() => chart(canvas, labels, counts, title), 0);
		}
	}
	return page(t("results"), form, h("p", {}, h("a", { class: "button secondary", href: "/api/export?" + csv.toString(), download: `svar-${chosen || "alla"}.csv` }, t("csv"))), ...body);
}

export async function users() {
	const res = await api("GET", "/api/users");
	const list = res.status === 200 ? res.data : [];
	const roles = ["viewer", "editor", "admin"];
	const out = h("p", { "aria-live": "polite" });
	const act = async (method, path, body) => {
		const r = await api(method, path, body);
		say(r.status === 200 ? t("done") : t("failed", { why: errorText(r) }));
		if (r.status === 200) rerender();
		else out.textContent = t("failed", { why: errorText(r) });
	};
	return page(
		t("users"),
		out,
		h("table", {},
			h("thead", {}, h("tr", {}, h("th", { scope: "col" }, t("user")), h("th", { scope: "col" }, t("role")), h("th", { scope: "col" }, h("span", { class: "visually-hidden" }, t("remove"))))),
			h("tbody", {}, list.map((u) => {
				const id = "role-" + u.user;
				return h("tr", {},
					h("th", { scope: "row" }, u.user),
					h("td", {},
						h("label", { for: id, class: "visually-hidden" }, `${t("role")} ${u.user}`),
						h("select", { id, onchange: (e) => act("POST", `/api/users/${enc(u.user)}/role`, { role: e.target.value }) }, roles.map((r) => h("option", { value: r, selected: r === u.role }, t("role_" + r))))),
					h("td", {}, u.user === state.session.user ? null : h("button", { type: "button", class: "secondary", "aria-label": `${t("remove")} ${u.user}`, onclick: () => confirm(t("confirm_remove", { name: u.user })) && act("POST", `/api/users/${enc(u.user)}/delete`, {}) }, t("remove"))));
			}))),
		h("form", { onsubmit: (e) => {
			e.preventDefault();
			const f = e.target.elements;
			act("POST", "/api/users", { user: f.nu.value, role: f.nr.value, password: f.np.value });
		} },
			h("h2", {}, t("add_user")),
			h("label", { for: "nu" }, t("user")), h("input", { id: "nu", name: "nu", type: "text", required: true, autocomplete: "off" }),
			h("label", { for: "nr" }, t("role")), h("select", { id: "nr", name: "nr" }, roles.map((r) => h("option", { value: r }, t("role_" + r)))),
			h("label", { for: "np" }, t("new_password")), h("input", { id: "np", name: "np", type: "password", required: true, minlength: 12, autocomplete: "new-password" }),
			h("div", { class: "actions" }, h("button", { type: "submit" }, t("add_user"))))
	);
}

export function account() {
	const out = h("p", { "aria-live": "polite" });
	const change = async (e) => {
		e.preventDefault();
		const f = e.target.elements;
		const r = await api("POST", "/api/password", { old: f.op.value, new: f.np.value });
		out.textContent = r.status === 200 ? t("password_changed") : t("failed", { why: errorText(r) });
		if (r.status === 200) e.target.reset();
	};
	return page(
		t("account"),
		h("p", {}, `${state.session.user} – ${t("role_" + state.session.role)}`),
		h("form", { onsubmit: change },
			h("h2", {}, t("change_password")),
			h("label", { for: "op" }, t("old_password")), h("input", { id: "op", name: "op", type: "password", required: true, autocomplete: "current-password" }),
			h("label", { for: "np" }, t("new_password")), h("input", { id: "np", name: "np", type: "password", required: true, minlength: 12, autocomplete: "new-password" }),
			h("div", { class: "actions" }, h("button", { type: "submit" }, t("change_password")))),
		out
	);
}

export function notFound() {
	return page(t("not_found"), h("p", {}, h("a", { href: "#/promises" }, t("promises"))));
}

export { get, set };
