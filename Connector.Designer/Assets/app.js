// The designer page: plain DOM over the designer's JSON API. Every call carries the run's token in a header.
'use strict';

const TOKEN_KEY = 'connector-designer-token';
const PAGE_SIZE = 20;
const state = {
  token: null, info: null, types: [], type: null, detail: null,
  records: [], count: null, page: 0, selected: new Set(), runResult: null, profileOp: null,
};

// ---------- small helpers ----------
function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'class') el.className = v;
    else if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k === 'text') el.textContent = v;
    else el.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}
const $ = (id) => document.getElementById(id);
// Replaces an element's children; arrays are flattened and empty entries skipped.
const fill = (el, ...children) => el.replaceChildren(...children.flat(Infinity).filter((c) => c !== null && c !== undefined && c !== false));
let uid = 0;
const nextId = (p) => `${p}-${++uid}`;

function banner(message) {
  const b = $('banner');
  b.textContent = message || '';
  b.hidden = !message;
}

class ApiError extends Error {
  constructor(status, message) { super(message); this.status = status; }
}

// Calls the API: no body is a GET; a body is POSTed as JSON, or as it is when a content type is given.
async function api(path, body, contentType) {
  const init = { method: body === undefined ? 'GET' : 'POST', headers: { 'X-Designer-Token': state.token || '' } };
  if (body !== undefined) { init.headers['Content-Type'] = contentType || 'application/json'; init.body = contentType ? body : JSON.stringify(body); }
  const response = await fetch(path, init);
  if (response.status === 401) {
    banner('401: the designer refused this page\'s token. Open the address that "connector designer" printed (it ends with ?token=...).');
    throw new ApiError(401, 'unauthorized');
  }
  return response;
}

async function apiJson(path, body) {
  const response = await api(path, body);
  const json = await response.json();
  if (!response.ok) throw new ApiError(response.status, json.error || `HTTP ${response.status}`);
  return json;
}

function copyButton(getText, label) {
  const feedback = h('span', { class: 'copy-feedback', 'aria-live': 'polite' });
  const button = h('button', {
    class: 'secondary', type: 'button',
    onclick: async () => {
      const text = getText();
      try { await navigator.clipboard.writeText(text); feedback.textContent = 'copied'; }
      catch { feedback.textContent = 'select and copy the command shown'; }
      setTimeout(() => { feedback.textContent = ''; }, 2500);
    },
  }, label || 'Copy command');
  return h('span', {}, button, ' ', feedback);
}

function download(name, json) {
  const url = URL.createObjectURL(new Blob([JSON.stringify(json, null, 2)], { type: 'application/json' }));
  const a = h('a', { href: url, download: name });
  document.body.append(a); a.click(); a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function scalarText(v) {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

// ---------- start ----------
async function start() {
  const params = new URLSearchParams(location.search);
  if (params.has('token')) {
    state.token = params.get('token');
    sessionStorage.setItem(TOKEN_KEY, state.token);
    history.replaceState(null, '', location.pathname);
  } else {
    state.token = sessionStorage.getItem(TOKEN_KEY);
  }
  try {
    state.info = await apiJson('/api/info');
    $('connection').textContent = `${state.info.connector} — ${state.info.connection}`;
    state.types = await apiJson('/api/types');
    renderTypeList();
  } catch (e) {
    $('connection').textContent = 'not connected';
    if (e.status !== 401) banner(e.message);
  }
  $('type-search').addEventListener('input', renderTypeList);
  for (const tab of document.querySelectorAll('[role=tab]')) {
    tab.addEventListener('click', () => selectTab(tab.id));
    tab.addEventListener('keydown', tabKeys);
  }
}

function renderTypeList() {
  const q = $('type-search').value.trim().toLowerCase();
  const list = $('type-list');
  fill(list, ...state.types
    .filter((t) => !q || t.id.toLowerCase().includes(q) || t.label.toLowerCase().includes(q))
    .map((t) => h('li', {}, h('button', {
      type: 'button', 'data-type': t.id, 'aria-current': state.type === t.id ? 'true' : 'false',
      onclick: () => openType(t.id), onkeydown: listKeys,
    }, t.label, h('span', { class: 'id' }, t.id)))));
}

function listKeys(event) {
  const buttons = [...document.querySelectorAll('#type-list button')];
  const i = buttons.indexOf(event.target);
  if (event.key === 'ArrowDown' && i < buttons.length - 1) { buttons[i + 1].focus(); event.preventDefault(); }
  if (event.key === 'ArrowUp' && i > 0) { buttons[i - 1].focus(); event.preventDefault(); }
}

function tabKeys(event) {
  const tabs = [...document.querySelectorAll('[role=tab]')];
  const i = tabs.indexOf(event.target);
  let next = null;
  if (event.key === 'ArrowRight') next = tabs[(i + 1) % tabs.length];
  if (event.key === 'ArrowLeft') next = tabs[(i + tabs.length - 1) % tabs.length];
  if (next) { selectTab(next.id); next.focus(); event.preventDefault(); }
}

function selectTab(id) {
  for (const tab of document.querySelectorAll('[role=tab]')) {
    const on = tab.id === id;
    tab.setAttribute('aria-selected', on ? 'true' : 'false');
    tab.tabIndex = on ? 0 : -1;
    $(tab.getAttribute('aria-controls')).hidden = !on;
  }
  if (id === 'tab-actions') renderActions();
}

async function openType(id) {
  banner('');
  try {
    state.detail = await apiJson(`/api/types/${encodeURIComponent(id)}`);
  } catch (e) { if (e.status !== 401) banner(e.message); return; }
  state.type = id;
  state.records = []; state.count = null; state.page = 0; state.selected = new Set(); state.runResult = null; state.profileOp = null;
  renderTypeList();
  $('empty').hidden = true;
  $('workspace').hidden = false;
  $('type-title').textContent = `${state.detail.label} (${state.detail.id})`;
  $('type-description').textContent = (state.detail.parent ? `Lives under ${state.detail.parent}. ` : '') + (state.detail.description || '');
  renderBrowse();
  renderQuery();
  renderActions();
  selectTab('tab-browse');
  $('main').focus();
}

// ---------- browse ----------
function renderBrowse() {
  const d = state.detail;
  const panel = $('panel-browse');
  const rows = d.operations.map((o) => h('tr', {},
    h('td', {}, h('button', { class: 'link', type: 'button', 'data-operation': o.name, onclick: () => showProfiles(o.name) }, o.name),
      o.label && o.label !== o.name ? h('div', { class: 'muted' }, o.label) : null),
    h('td', {}, h('code', {}, o.endpoint)),
    h('td', {}, o.fields.length ? o.fields.map((f) => h('span', { class: 'badge', title: f.helpText || '' }, `${f.id}: ${f.type}`)) : h('span', { class: 'muted' }, 'none'))));
  const filterRows = d.filterable.map((f) => h('tr', {},
    h('td', {}, h('code', {}, f.name)),
    h('td', {}, f.type || ''),
    h('td', {}, f.operators.join(' ')),
    h('td', {}, f.sortable ? 'yes' : ''),
    h('td', {}, (f.enum || []).join(', '))));
  fill(panel,
    h('div', { class: 'row' }, h('code', {}, d.command), copyButton(() => d.command)),
    h('h3', {}, 'Operations and actions'),
    h('table', { class: 'ops' }, h('thead', {}, h('tr', {}, h('th', {}, 'Operation'), h('th', {}, 'Endpoint'), h('th', {}, 'Operation fields'))), h('tbody', {}, rows)),
    h('div', { id: 'profiles' }, h('p', { class: 'muted' }, 'Choose an operation to see its INPUT and OUTPUT profiles.')),
    h('h3', {}, `Filterable fields (${d.filterable.length})`),
    d.filterable.length
      ? h('table', {}, h('thead', {}, h('tr', {}, h('th', {}, 'Field'), h('th', {}, 'Type'), h('th', {}, 'Operators'), h('th', {}, 'Sortable'), h('th', {}, 'Documented values'))), h('tbody', {}, filterRows))
      : h('p', { class: 'muted' }, 'No documented filters.'),
    h('p', {}, h('strong', {}, 'Sortable: '), d.sortable.length ? d.sortable.join(', ') : 'none'));
}

async function showProfiles(operation) {
  const target = $('profiles');
  let profiles;
  try { profiles = await apiJson(`/api/types/${encodeURIComponent(state.type)}/operations/${encodeURIComponent(operation)}/profiles`); }
  catch (e) { if (e.status !== 401) banner(e.message); return; }
  state.profileOp = operation;
  const section = (role) => {
    const p = profiles[role];
    const title = `${role.toUpperCase()} profile`;
    if (!p) return h('div', { class: 'profile' }, h('h4', {}, title), h('p', { class: 'muted' }, 'none'));
    if (p.contentType !== 'JSON') {
      return h('div', { class: 'profile', 'data-role': role }, h('h4', {}, title), h('p', {}, p.contentType === 'BINARY' ? 'A file (binary), no JSON schema.' : 'No document.'));
    }
    const tree = h('ul', { class: 'tree', 'aria-label': `${title} fields` }, renderTree(p.tree));
    return h('div', { class: 'profile', 'data-role': role },
      h('h4', {}, title, h('span', { class: 'muted' }, ` — ${p.schema.title || ''}`)),
      h('div', { class: 'row' },
        h('button', { class: 'secondary', type: 'button', onclick: () => { for (const d of tree.querySelectorAll('details')) d.open = true; } }, 'Expand all'),
        h('button', { class: 'secondary', type: 'button', onclick: () => { for (const d of tree.querySelectorAll('details')) d.open = false; } }, 'Collapse all'),
        h('button', { class: 'secondary', type: 'button', onclick: () => download(`${state.type}-${operation}-${role}.schema.json`, p.schema) }, 'Download JSON'),
        copyButton(() => p.command)),
      h('code', { class: 'muted' }, p.command),
      hasWidenedTypes(p.tree) ? h('p', { class: 'muted profile-note' }, 'Types are the documented ones. Because real Connect data varies, the profile also accepts other types for many fields (a string as a number, say): hover a type to see them.') : null,
      tree);
  };
  fill(target, h('h3', {}, `Profiles of ${operation}`), h('div', { class: 'profiles' }, section('input'), section('output')));
}

// Whether any field of a tree accepts more types than its documented one.
function hasWidenedTypes(nodes) {
  return (nodes || []).some((n) => alsoAccepted(n) || hasWidenedTypes(n.children));
}

// The types a field's profile takes besides its documented one (n.type), e.g. "number, object, array".
function alsoAccepted(n) {
  return (n.accepts || '').split(' | ').filter((t) => t && t !== n.type).join(', ');
}

function renderTree(nodes) {
  return (nodes || []).map((n) => {
    const line = [
      h('code', {}, n.name),
      h('span', { class: 'node-type', title: alsoAccepted(n) ? `${n.type}; the profile also accepts ${alsoAccepted(n)}` : null },
        (n.type || 'any') + (n.format ? ` (${n.format})` : ''),
        alsoAccepted(n) ? h('span', { class: 'sr-only' }, `, also accepts ${alsoAccepted(n)}`) : null),
      n.required ? h('span', { class: 'badge required' }, 'required') : null,
      n.readOnly ? h('span', { class: 'badge readonly' }, 'read-only') : null,
      n.nullable ? h('span', { class: 'badge' }, 'nullable') : null,
      n.recursive ? h('span', { class: 'badge' }, 'recursive') : null,
      n.observed ? h('span', { class: 'badge observed' }, n.observed === 'new' ? 'new field (observed)' : 'widened (observed)') : null,
    ];
    const doc = [
      n.enum ? h('span', { class: 'node-doc' }, 'values: ' + n.enum.join(', ')) : null,
      n.description ? h('span', { class: 'node-doc' }, n.description.replace(/<br>/g, ' ')) : null,
    ];
    if (n.children && n.children.length) {
      return h('li', { 'data-path': n.path, 'data-observed': n.observed }, h('details', {}, h('summary', {}, line), doc, h('ul', {}, renderTree(n.children))));
    }
    return h('li', { 'data-path': n.path, 'data-observed': n.observed, class: 'leaf' }, line, doc);
  });
}

// ---------- query ----------
const query = { groups: [], combinator: 'and', sorts: [], select: '', max: 100, parentId: '' };

function newRow() { return { field: '', op: '', value: '' }; }

function renderQuery() {
  const d = state.detail;
  const panel = $('panel-query');
  if (!d.operations.some((o) => o.name === 'QUERY')) {
    fill(panel, h('p', { class: 'muted' }, `${d.label} has no QUERY operation.`));
    return;
  }
  query.groups = [{ combinator: 'and', rows: [] }]; query.combinator = 'and'; query.sorts = []; query.select = ''; query.max = 100; query.parentId = '';
  fill(panel,
    h('div', { id: 'query-groups' }),
    h('div', { class: 'row' },
      h('button', { class: 'secondary', type: 'button', id: 'add-group', onclick: () => { query.groups.push({ combinator: 'and', rows: [newRow()] }); drawGroups(); } }, 'Add group')),
    h('fieldset', {}, h('legend', {}, 'Sort, select, max'),
      h('div', { id: 'query-sorts' }),
      h('div', { class: 'row' },
        h('label', { for: 'query-select' }, 'Select fields'),
        h('input', { id: 'query-select', type: 'text', placeholder: 'comma separated, e.g. id,status', oninput: (e) => { query.select = e.target.value; schedulePreview(); } }),
        h('label', { for: 'query-max' }, 'Max records'),
        h('input', { id: 'query-max', type: 'number', min: '1', max: String(state.info.maxRecords), value: '100', oninput: (e) => { query.max = Number(e.target.value); schedulePreview(); } }),
        d.parent ? h('label', { for: 'query-parent' }, `${d.parent} id (parent)`) : null,
        d.parent ? h('input', { id: 'query-parent', type: 'text', oninput: (e) => { query.parentId = e.target.value; schedulePreview(); } }) : null)),
    h('div', { id: 'query-preview', class: 'preview', 'aria-live': 'polite' }),
    h('div', { class: 'row' },
      h('button', { class: 'action', type: 'button', id: 'run-query', onclick: runQuery }, 'Run query'),
      h('span', { id: 'query-status', class: 'muted', 'aria-live': 'polite' })),
    h('div', { id: 'query-results' }),
    h('div', { id: 'learned', 'aria-live': 'polite' }));
  drawGroups();
  drawSorts();
  schedulePreview();
}

function drawGroups() {
  const d = state.detail;
  const container = $('query-groups');
  const groups = query.groups.map((g, gi) => {
    const rows = g.rows.map((r, ri) => filterRow(d, g, r, gi, ri));
    return h('fieldset', { class: 'group' },
      h('legend', {}, query.groups.length > 1 ? `Group ${gi + 1}` : 'Filters'),
      g.rows.length > 1 ? combinatorSelect(`Combine the filters of group ${gi + 1} with`, g.combinator, (v) => { g.combinator = v; schedulePreview(); }) : null,
      rows,
      h('div', { class: 'row' },
        h('button', { class: 'secondary', type: 'button', 'data-add-filter': String(gi), onclick: () => { g.rows.push(newRow()); drawGroups(); focusLast(`[data-group="${gi}"] select.field`); } }, 'Add filter'),
        query.groups.length > 1 ? h('button', { class: 'secondary', type: 'button', onclick: () => { query.groups.splice(gi, 1); drawGroups(); schedulePreview(); } }, 'Remove group') : null));
  });
  fill(container,
    query.groups.length > 1 ? combinatorSelect('Combine the groups with', query.combinator, (v) => { query.combinator = v; schedulePreview(); }) : null,
    groups);
}

function focusLast(selector) {
  const all = document.querySelectorAll(selector);
  if (all.length) all[all.length - 1].focus();
}

function combinatorSelect(label, value, onchange) {
  const id = nextId('comb');
  const allowed = [['and', 'AND (all match)'], ['or', 'OR (any matches)']].filter(([v]) => state.info.grouping[v] || v === value);
  return h('div', { class: 'row' }, h('label', { for: id }, label),
    h('select', { id, onchange: (e) => onchange(e.target.value) }, allowed.map(([v, t]) => h('option', { value: v, selected: v === value }, t))));
}

function operatorInfo(id) { return state.info.operators.find((o) => o.id === id) || { id, label: id, arguments: 'one' }; }

function filterRow(d, group, row, gi, ri) {
  const field = d.filterable.find((f) => f.name === row.field);
  const fieldId = nextId('field'); const opId = nextId('op'); const valueId = nextId('value');
  const fieldSelect = h('select', { id: fieldId, class: 'field', onchange: (e) => { row.field = e.target.value; row.op = ''; row.value = ''; drawGroups(); schedulePreview(); document.getElementById(fieldId)?.focus(); } },
    h('option', { value: '' }, 'choose a field'),
    d.filterable.map((f) => h('option', { value: f.name, selected: f.name === row.field }, f.name)));
  const ops = field ? field.operators : [];
  if (field && !row.op) row.op = ops[0] || '';
  const opSelect = h('select', { id: opId, class: 'op', disabled: !field, onchange: (e) => { row.op = e.target.value; drawGroups(); schedulePreview(); document.getElementById(opId)?.focus(); } },
    ops.map((o) => h('option', { value: o, selected: o === row.op }, `${o} — ${operatorInfo(o).label}`)));
  const args = operatorInfo(row.op).arguments;
  let valueInput = null;
  if (field && args !== 'none') {
    const update = (e) => { row.value = e.target.value; schedulePreview(); };
    if (field.enum && field.enum.length && args === 'one') {
      valueInput = h('select', { id: valueId, class: 'value', onchange: update }, h('option', { value: '' }, 'choose a value'), field.enum.map((v) => h('option', { value: v, selected: v === row.value }, v)));
    } else if (/boolean/.test(field.type || '') && args === 'one') {
      valueInput = h('select', { id: valueId, class: 'value', onchange: update }, ['', 'true', 'false'].map((v) => h('option', { value: v, selected: v === row.value }, v || 'choose')));
    } else {
      const numeric = /^(number|integer)$/.test(field.type || '') && args === 'one';
      const placeholder = args === 'many' ? 'a,b,c' : field.format === 'date-time' ? '2024-01-31T00:00:00+00:00' : (row.op === 'like' || row.op === 'ilike') ? '*part*' : '';
      valueInput = h('input', { id: valueId, class: 'value', type: numeric ? 'number' : 'text', value: row.value, placeholder, oninput: update });
    }
  }
  return h('div', { class: 'row filter-row', 'data-group': String(gi) },
    h('label', { for: fieldId, class: 'muted' }, 'Field'), fieldSelect,
    h('label', { for: opId, class: 'muted' }, 'Operator'), opSelect,
    valueInput ? h('label', { for: valueId, class: 'muted' }, 'Value') : null, valueInput,
    h('button', { class: 'secondary', type: 'button', 'aria-label': `Remove filter ${ri + 1}`, onclick: () => { group.rows.splice(ri, 1); drawGroups(); schedulePreview(); } }, 'Remove'));
}

function drawSorts() {
  const d = state.detail;
  const rows = query.sorts.map((s, i) => {
    const fid = nextId('sort'); const did = nextId('dir');
    return h('div', { class: 'row' },
      h('label', { for: fid }, `Sort ${i + 1}`),
      h('select', { id: fid, onchange: (e) => { s.field = e.target.value; schedulePreview(); } }, d.sortable.map((f) => h('option', { value: f, selected: f === s.field }, f))),
      h('label', { for: did, class: 'muted' }, 'Direction'),
      h('select', { id: did, onchange: (e) => { s.descending = e.target.value === 'desc'; schedulePreview(); } },
        h('option', { value: 'asc', selected: !s.descending }, 'ascending'), h('option', { value: 'desc', selected: s.descending }, 'descending')),
      h('button', { class: 'secondary', type: 'button', onclick: () => { query.sorts.splice(i, 1); drawSorts(); schedulePreview(); } }, 'Remove'));
  });
  const canAdd = d.sortable.length > 0 && query.sorts.length < (state.info.maxSortFields || 1);
  fill($('query-sorts'), ...rows, h('div', { class: 'row' },
    canAdd ? h('button', { class: 'secondary', type: 'button', onclick: () => { query.sorts.push({ field: d.sortable[0], descending: false }); drawSorts(); schedulePreview(); } }, 'Add sort') : null,
    d.sortable.length === 0 ? h('span', { class: 'muted' }, 'No sortable fields are documented.') : null));
}

function comparison(row) {
  const args = operatorInfo(row.op).arguments;
  if (!row.field || !row.op) return null;
  if (args === 'none') return { field: row.field, op: row.op };
  if (row.value === '') return null;
  if (args === 'many') return { field: row.field, op: row.op, values: row.value.split(',').map((v) => v.trim()).filter((v) => v) };
  return { field: row.field, op: row.op, value: row.value };
}

function querySpec() {
  const groups = query.groups
    .map((g) => ({ c: g.combinator, items: g.rows.map(comparison).filter((x) => x) }))
    .filter((g) => g.items.length);
  let where = null;
  if (groups.length === 1) where = { [groups[0].c]: groups[0].items };
  else if (groups.length > 1) where = { [query.combinator]: groups.map((g) => (g.items.length === 1 ? g.items[0] : { [g.c]: g.items })) };
  return {
    type: state.type, where,
    sort: query.sorts.map((s) => (s.descending ? '-' : '') + s.field),
    select: query.select.split(',').map((s) => s.trim()).filter((s) => s),
    max: query.max || 100,
    parentId: query.parentId || null,
  };
}

let previewTimer = null;
function schedulePreview() { clearTimeout(previewTimer); previewTimer = setTimeout(preview, 200); }

function rqlOf(url) {
  const q = url.includes('?') ? url.slice(url.indexOf('?') + 1) : '';
  return q.split('&').filter((p) => p && !/^(limit|offset)=/.test(p)).join('&');
}

async function preview() {
  const target = $('query-preview');
  if (!target) return;
  if (!state.info.canPreview) { fill(target, h('p', { class: 'muted' }, 'This connector cannot preview its requests.')); return; }
  const spec = querySpec();
  try {
    const p = await apiJson('/api/query/preview', spec);
    const request = p.request || {};
    fill(target, h('dl', {},
      h('dt', {}, 'RQL'), h('dd', {}, h('code', { id: 'preview-rql' }, rqlOf(request.url || '') || '(none: every record)')),
      h('dt', {}, 'HTTP request (first page)'), h('dd', {}, h('code', { id: 'preview-http' }, `${request.method || ''} ${request.url || ''}`)),
      h('dt', {}, 'Command'), h('dd', {}, h('code', { id: 'preview-command' }, p.command), ' ', copyButton(() => p.command))));
  } catch (e) {
    if (e.status !== 401) fill(target, h('p', { class: 'status-APPLICATION_ERROR' }, e.message));
  }
}

async function runQuery() {
  const spec = querySpec();
  const status = $('query-status');
  const button = $('run-query');
  state.records = []; state.count = null; state.page = 0; state.selected = new Set(); state.runResult = null;
  fill($('learned'));
  button.disabled = true;
  status.textContent = 'running…';
  drawResults();
  try {
    const response = await api('/api/query/run', spec);
    if (!response.ok) { const j = await response.json(); throw new ApiError(response.status, j.error); }
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let buffered = '';
    let lastDraw = 0;
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffered += decoder.decode(value, { stream: true });
      let nl;
      while ((nl = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, nl); buffered = buffered.slice(nl + 1);
        if (!line.trim()) continue;
        const item = JSON.parse(line);
        if ('count' in item) state.count = item.count;
        if ('record' in item) state.records.push(item.record);
        if ('result' in item) state.runResult = item.result;
      }
      if (Date.now() - lastDraw > 150) { drawResults(); lastDraw = Date.now(); }
    }
    status.textContent = state.runResult ? `${state.runResult.status} ${state.runResult.code}: ${state.runResult.message}` : 'done';
  } catch (e) {
    if (e.status !== 401) status.textContent = e.message;
  } finally {
    button.disabled = false;
    drawResults();
  }
}

function columnsOf(records) {
  const id = state.detail.idProperty || 'id';
  const cols = [id];
  for (const r of records.slice(0, 20)) {
    for (const [k, v] of Object.entries(r || {})) {
      if (cols.length >= 5) break;
      if (!cols.includes(k) && (v === null || typeof v !== 'object')) cols.push(k);
    }
  }
  return cols;
}

function drawResults() {
  const target = $('query-results');
  if (!target) return;
  const total = state.records.length;
  if (!total && state.count === null && !state.runResult) { fill(target); return; }
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  state.page = Math.min(state.page, pages - 1);
  const first = state.page * PAGE_SIZE;
  const shown = state.records.slice(first, first + PAGE_SIZE);
  const cols = columnsOf(state.records);
  const id = cols[0];
  const body = shown.map((r, i) => {
    const index = first + i;
    const key = scalarText(r[id]) || String(index);
    const checkId = nextId('pick');
    const json = h('tr', { hidden: true }, h('td', { colspan: String(cols.length + 2) }, h('pre', {}, JSON.stringify(r, null, 2))));
    return [h('tr', { class: state.selected.has(index) ? 'selected' : '', 'data-record': key },
      h('td', {}, h('input', { type: 'checkbox', id: checkId, 'aria-label': `Select ${key}`, checked: state.selected.has(index),
        onchange: (e) => { if (e.target.checked) state.selected.add(index); else state.selected.delete(index); e.target.closest('tr').className = e.target.checked ? 'selected' : ''; updateSelection(); } })),
      cols.map((c) => h('td', { class: 'clip', title: scalarText(r[c]) }, scalarText(r[c]))),
      h('td', {}, h('button', { class: 'link', type: 'button', 'aria-expanded': 'false', onclick: (e) => { json.hidden = !json.hidden; e.target.setAttribute('aria-expanded', String(!json.hidden)); } }, 'JSON'))), json];
  });
  fill(target,
    h('h3', {}, 'Results'),
    h('div', { class: 'row' },
      h('span', { class: 'count', id: 'result-count' }, state.count !== null ? `${state.count} matching records` : ''),
      h('span', { class: 'muted' }, total ? `received ${total}; showing ${first + 1}–${first + shown.length}` : 'no records'),
      h('span', { class: 'spacer' }),
      h('button', { class: 'secondary', type: 'button', disabled: state.page === 0, onclick: () => { state.page--; drawResults(); } }, 'Previous page'),
      h('span', {}, `page ${state.page + 1} of ${pages}`),
      h('button', { class: 'secondary', type: 'button', disabled: state.page >= pages - 1, onclick: () => { state.page++; drawResults(); } }, 'Next page')),
    h('table', { id: 'results-table' },
      h('thead', {}, h('tr', {}, h('th', { class: 'pick' }, h('span', { class: 'muted' }, 'Pick')), cols.map((c) => h('th', {}, c)), h('th', {}, 'Record'))),
      h('tbody', {}, body)),
    h('div', { class: 'row' },
      h('span', { id: 'selection-count', 'aria-live': 'polite' }),
      h('button', { class: 'action', type: 'button', id: 'to-actions', onclick: () => { selectTab('tab-actions'); $('tab-actions').focus(); } }, 'Act on the selected records'),
      total ? h('button', { class: 'secondary', type: 'button', id: 'widen', onclick: widen }, 'Widen the profile from these results') : null));
  updateSelection();
}

function updateSelection() {
  const n = state.selected.size;
  const label = $('selection-count');
  if (label) label.textContent = `${n} selected`;
  const go = $('to-actions');
  if (go) go.disabled = n === 0;
}

// Learns from the records received: the QUERY OUTPUT profile widened with the fields and types they show.
async function widen() {
  const target = $('learned');
  const button = $('widen');
  const operation = 'QUERY';
  if (button) button.disabled = true;
  fill(target, h('p', { class: 'muted' }, 'learning…'));
  try {
    const ndjson = state.records.map((r) => JSON.stringify(r)).join('\n') + '\n';
    const response = await api(`/api/types/${encodeURIComponent(state.type)}/operations/${operation}/learn`, ndjson, 'application/x-ndjson');
    const learned = await response.json();
    if (!response.ok) throw new ApiError(response.status, learned.error || `HTTP ${response.status}`);
    const tree = h('ul', { class: 'tree', 'aria-label': 'Widened OUTPUT profile fields' }, renderTree(learned.tree));
    // Open the way to every addition so it shows without hunting for it.
    for (const node of tree.querySelectorAll('li[data-observed]')) {
      for (let d = node.parentElement.closest('details'); d; d = d.parentElement.closest('details')) d.open = true;
    }
    const plural = (n, word) => `${n} ${word}${n === 1 ? '' : 's'}`;
    fill(target,
      h('h3', {}, `The ${operation} OUTPUT profile widened from ${plural(learned.sampleCount, 'record')}`),
      learned.additions.length
        ? [h('p', { id: 'learned-summary' }, `${plural(learned.additions.length, 'addition')} the documentation lacks (marked in the tree):`),
          h('ul', { id: 'learned-additions' }, learned.additions.map((a) => h('li', {}, h('code', {}, a))))]
        : h('p', { id: 'learned-none' }, 'No additions: these records show no field or type the documented profile lacks.'),
      h('div', { class: 'row' },
        h('button', { class: 'secondary', type: 'button', onclick: () => { for (const d of tree.querySelectorAll('details')) d.open = true; } }, 'Expand all'),
        h('button', { class: 'secondary', type: 'button', onclick: () => download(`${state.type}-${operation}-output.learned.schema.json`, learned.schema) }, 'Download JSON')),
      tree);
  } catch (e) {
    if (e.status !== 401) fill(target, h('p', { class: 'status-APPLICATION_ERROR' }, e.message));
  } finally {
    const again = $('widen');
    if (again) again.disabled = false;
  }
}

// ---------- actions ----------
let actionForm = null;

function actionOperations() {
  return state.detail.operations.filter((o) => o.targetsObject && o.kind !== 'GET');
}

function selectedRecords() { return [...state.selected].sort((a, b) => a - b).map((i) => state.records[i]); }

function renderActions() {
  const panel = $('panel-actions');
  if (!state.detail) return;
  const ops = actionOperations();
  const records = selectedRecords();
  const id = state.detail.idProperty || 'id';
  if (!ops.length) { fill(panel, h('p', { class: 'muted' }, `${state.detail.label} has no actions on single records.`)); return; }
  const selectId = nextId('action');
  fill(panel,
    h('p', {}, records.length
      ? [h('strong', {}, `${records.length} record${records.length === 1 ? '' : 's'} selected: `), records.map((r) => scalarText(r[id])).join(', ')]
      : h('span', { class: 'muted' }, 'No records selected: run a query, tick records, then come back.')),
    h('div', { class: 'row' },
      h('label', { for: selectId }, 'Action'),
      h('select', { id: selectId, class: 'action-select', onchange: (e) => loadActionForm(e.target.value) },
        h('option', { value: '' }, 'choose an action'), ops.map((o) => h('option', { value: o.name }, `${o.name} — ${o.endpoint}`)))),
    h('div', { id: 'action-form' }),
    h('div', { id: 'action-results' }));
}

async function loadActionForm(operation) {
  const target = $('action-form');
  fill($('action-results'));
  if (!operation) { fill(target); return; }
  let profiles;
  try { profiles = await apiJson(`/api/types/${encodeURIComponent(state.type)}/operations/${encodeURIComponent(operation)}/profiles`); }
  catch (e) { if (e.status !== 401) banner(e.message); return; }
  const input = profiles.input;
  const inputs = [];
  const fields = [];
  const walk = (nodes, depth) => {
    for (const n of nodes || []) {
      if (n.readOnly) continue;
      if (n.children && n.children.length && depth < 3 && !/array/.test(n.type || '')) { walk(n.children, depth + 1); continue; }
      const fid = nextId('in');
      let control;
      const typeText = n.type || 'any';
      if (n.enum && n.enum.length) control = h('select', { id: fid }, h('option', { value: '' }, ''), n.enum.map((v) => h('option', { value: v }, v)));
      else if (/boolean/.test(typeText) && !/string/.test(typeText)) control = h('select', { id: fid }, ['', 'true', 'false'].map((v) => h('option', { value: v }, v)));
      else if (/array|object/.test(typeText)) control = h('textarea', { id: fid, rows: '2', placeholder: 'JSON' });
      else control = h('input', { id: fid, type: 'text', placeholder: n.format === 'date-time' ? '2024-01-31T00:00:00+00:00' : '' });
      if (n.required) control.setAttribute('aria-required', 'true');
      control.dataset.path = n.path;
      control.dataset.json = /array|object/.test(typeText) ? '1' : (/number|integer|boolean/.test(typeText) && !/string/.test(typeText) ? 'scalar' : '');
      inputs.push(control);
      fields.push(h('label', { for: fid }, h('code', {}, n.path), n.required ? h('span', { class: 'req', 'aria-hidden': 'true' }, ' *') : null, n.required ? h('span', { class: 'muted' }, ' (required)') : null), control);
      if (n.description) fields.push(h('div', { class: 'hint' }, n.description.replace(/<br>/g, ' ').slice(0, 300)));
    }
  };
  if (input && input.contentType === 'JSON') walk(input.tree, 0);
  actionForm = { operation, inputs };
  const records = selectedRecords();
  fill(target,
    h('h3', {}, `${operation} on ${records.length} record${records.length === 1 ? '' : 's'}`),
    !input || input.contentType !== 'JSON'
      ? h('p', { class: 'muted' }, input && input.contentType === 'BINARY' ? 'This action takes a file: use the command line.' : 'This action takes no body.')
      : h('form', { class: 'form-grid', id: 'action-fields', onsubmit: (e) => { e.preventDefault(); runAction(false); } }, fields,
        h('p', { class: 'muted' }, h('span', { class: 'req' }, '*'), ' required')),
    h('div', { class: 'row' },
      h('button', { class: 'secondary', type: 'button', disabled: !state.info.canPreview || !records.length, onclick: () => runAction(true) }, 'Preview requests'),
      h('button', { class: 'action', type: 'button', id: 'run-action', disabled: !records.length, onclick: () => runAction(false) }, `Run ${operation}`)));
}

function setPath(obj, path, value) {
  const parts = path.split('.');
  let o = obj;
  for (const p of parts.slice(0, -1)) o = (o[p] = (o[p] && typeof o[p] === 'object') ? o[p] : {});
  o[parts[parts.length - 1]] = value;
}

async function runAction(dryRun) {
  const id = state.detail.idProperty || 'id';
  const body = {};
  for (const control of actionForm.inputs) {
    const raw = control.value.trim();
    if (!raw) continue;
    let value = raw;
    if (control.dataset.json) { try { value = JSON.parse(raw); } catch { if (control.dataset.json === '1') { banner(`${control.dataset.path}: not JSON`); return; } } }
    setPath(body, control.dataset.path, value);
  }
  const documents = selectedRecords().map((r) => ({ [id]: r[id], ...body }));
  const target = $('action-results');
  fill(target, h('p', { class: 'muted' }, dryRun ? 'previewing…' : 'running…'));
  try {
    const answer = await apiJson('/api/run', { type: state.type, operation: actionForm.operation, documents, dryRun });
    const rows = answer.results.map((r, i) => h('tr', { 'data-status': r.status },
      h('td', { class: 'clip' }, scalarText(documents[i][id])),
      h('td', { class: `status-${r.status}` }, r.status),
      h('td', {}, r.code),
      h('td', {}, r.message),
      h('td', {}, r.payloads.length ? h('details', {}, h('summary', {}, 'payload'), h('pre', {}, JSON.stringify(r.payloads.length === 1 ? r.payloads[0] : r.payloads, null, 2))) : h('span', { class: 'muted' }, 'none'))));
    fill(target,
      h('h3', {}, dryRun ? 'Requests that would be sent' : 'Results'),
      h('table', { id: 'action-results-table' },
        h('thead', {}, h('tr', {}, h('th', {}, 'Document'), h('th', {}, 'Status'), h('th', {}, 'Code'), h('th', {}, 'Message'), h('th', {}, 'Payload'))),
        h('tbody', {}, rows)),
      h('div', { class: 'row' }, h('code', {}, answer.command), copyButton(() => answer.command)));
  } catch (e) {
    if (e.status !== 401) fill(target, h('p', { class: 'status-APPLICATION_ERROR' }, e.message));
  }
}

document.addEventListener('DOMContentLoaded', start);
