// Runs inside headless Chromium (loaded by render-report.ts after marked's and mermaid's browser bundles): renders
// a report's markdown the way GitHub renders a comment or a .md file, then each ```mermaid block with mermaid.
// GitHub's pipeline, as far as mlci's reports depend on it: GFM (tables, autolinks, strikethrough, task lists)
// with the tagfilter extension (raw <script>, <style>, <iframe>… are shown as text), then an allowlist
// sanitizer (unknown tags are dropped but their text kept, comments and event/style attributes removed),
// then Mermaid for fenced mermaid blocks, each drawn on its own (an error in one leaves the others).
/* global marked, mermaid */

// The GFM spec's tagfilter extension: these tags in raw HTML are escaped, so they show as text.
const filteredTags = /<(?=\/?(title|textarea|style|xmp|iframe|noembed|noframes|script|plaintext)\b)/gi;

// GitHub's sanitizer allowlist (html-pipeline's SanitizationFilter), the tags and attributes a comment keeps.
const allowedTags = new Set(
  (
    'h1 h2 h3 h4 h5 h6 h7 h8 br b i strong em a pre code img tt div ins del sup sub p picture ol ul table thead ' +
    'tbody tfoot blockquote dl dt dd kbd q samp var hr ruby rt rp li tr td th s strike summary details caption ' +
    'figure figcaption abbr bdo cite dfn mark small source span time wbr input'
  ).split(' '),
);
const allowedAttributes = {
  a: ['href'],
  img: ['src', 'longdesc', 'alt', 'width', 'height'],
  div: ['itemscope', 'itemtype'],
  blockquote: ['cite'],
  del: ['cite'],
  ins: ['cite'],
  q: ['cite'],
  details: ['open'],
  input: ['type', 'checked', 'disabled'],
  '*': [
    'abbr align alt axis bgcolor border cellpadding cellspacing char charoff charset clear color cols colspan ' +
      'compact coords datetime dir disabled face frame headers height hreflang hspace id ismap itemprop label ' +
      'lang maxlength media noshade nowrap prompt rel rev rows rowspan rules scope shape size span start ' +
      'summary tabindex title type usemap valign value vspace width class',
  ]
    .join(' ')
    .split(' '),
};
// Elements whose content goes too (not only the tag).
const removedWithContent = new Set(['script', 'style']);

function sanitize(root) {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_COMMENT);
  const comments = [];
  const elements = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.nodeType === Node.COMMENT_NODE) comments.push(node);
    else elements.push(node);
  }
  for (const comment of comments) comment.remove();
  for (const element of elements.reverse()) {
    const tag = element.localName;
    if (!allowedTags.has(tag)) {
      if (removedWithContent.has(tag)) element.remove();
      else element.replaceWith(...element.childNodes);
      continue;
    }
    const keep = new Set([...(allowedAttributes[tag] ?? []), ...allowedAttributes['*']]);
    for (const attribute of [...element.attributes]) {
      if (!keep.has(attribute.name)) element.removeAttribute(attribute.name);
      else if (attribute.name === 'href' && /^\s*javascript:/i.test(attribute.value))
        element.removeAttribute(attribute.name);
    }
  }
}

function overlaps(a, b) {
  return a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;
}

// Text of a chart that overlaps other text of the same chart (axis labels drawn over each other), or runs out of
// the drawing: what a reader cannot read.
function unreadableLabels(svg) {
  const texts = [...svg.querySelectorAll('text')].filter((text) => text.textContent.trim() !== '');
  const boxes = texts.map((text) => ({ text: text.textContent.trim(), box: text.getBoundingClientRect() }));
  const frame = svg.getBoundingClientRect();
  const overlapping = [];
  for (let i = 0; i < boxes.length; i++)
    for (let j = i + 1; j < boxes.length; j++)
      if (overlaps(boxes[i].box, boxes[j].box)) overlapping.push([boxes[i].text, boxes[j].text]);
  const outside = boxes
    .filter(
      ({ box }) =>
        box.left < frame.left - 1 ||
        box.right > frame.right + 1 ||
        box.top < frame.top - 1 ||
        box.bottom > frame.bottom + 1,
    )
    .map(({ text }) => text);
  return { overlapping, outside };
}

let renderCount = 0;

async function renderMermaid(container) {
  const blocks = [...container.querySelectorAll('pre > code.language-mermaid')];
  const charts = [];
  for (const [index, code] of blocks.entries()) {
    const text = code.textContent;
    const pre = code.parentElement;
    const id = `mermaid-${++renderCount}`;
    const chart = { index, text, error: null, svg: false, unreadable: { overlapping: [], outside: [] } };
    try {
      await mermaid.parse(text);
      const { svg } = await mermaid.render(id, text);
      const figure = document.createElement('div');
      figure.className = 'mermaid-chart';
      figure.innerHTML = svg;
      pre.replaceWith(figure);
      const drawn = figure.querySelector('svg');
      // Mermaid draws some failures as an "error" diagram instead of throwing.
      if (
        !drawn ||
        drawn.getAttribute('aria-roledescription') === 'error' ||
        /Syntax error in text/.test(svg)
      )
        chart.error = 'mermaid drew its error diagram';
      else {
        chart.svg = true;
        chart.unreadable = unreadableLabels(drawn);
      }
    } catch (error) {
      chart.error = String(error?.message ?? error);
      // What GitHub shows in place of a chart it cannot draw.
      const box = document.createElement('div');
      box.className = 'mermaid-error';
      box.textContent = `Unable to render rich display: ${chart.error}`;
      pre.replaceWith(box);
      document.getElementById(`d${id}`)?.remove();
    }
    charts.push(chart);
  }
  return charts;
}

function tableFacts(table) {
  const rows = [...table.querySelectorAll('tr')].map((row) =>
    [...row.querySelectorAll('th, td')].map((cell) => cell.textContent),
  );
  return { header: rows[0] ?? [], rows: rows.slice(1) };
}

window.renderReport = async (markdown) => {
  const renderer = new marked.Renderer();
  const rawHtml = renderer.html.bind(renderer);
  renderer.html = (token) => rawHtml(token).replace(filteredTags, '&lt;');
  const html = marked.parse(markdown, { gfm: true, breaks: false, renderer, async: false });
  const body = document.getElementById('report');
  const template = document.createElement('template');
  template.innerHTML = html;
  sanitize(template.content);
  body.replaceChildren(template.content);
  // Opened as a reviewer opens them, so that charts inside are laid out and screenshots show everything.
  for (const details of body.querySelectorAll('details')) details.open = true;
  const charts = await renderMermaid(body);
  return {
    html: body.innerHTML,
    // biome-ignore lint/performance/useDomNodeTextContent: the text as laid out is what a reader sees
    text: body.innerText,
    headings: [...body.querySelectorAll('h1, h2, h3, h4, h5, h6')].map((h) => h.textContent),
    tables: [...body.querySelectorAll('table')].map(tableFacts),
    details: [...body.querySelectorAll('details')].map((d) => d.querySelector('summary')?.textContent ?? ''),
    charts,
    height: Math.ceil(document.documentElement.getBoundingClientRect().height),
  };
};
