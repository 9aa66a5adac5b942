// Interactive figures drawn from the JSON files that the pages' snippets wrote when the site was
// built. Each figure is an element with a class below and data-src, a relative URL to its file;
// without JavaScript the element keeps its static text, and the page's prose and outputs stay.
(() => {
  const lang = document.documentElement.lang === "zh" ? "zh" : "en";
  const TEXT = {
    en: {
      source: (file, kind) =>
        kind === "docsite-cost"
          ? `N and D come from ${file}, which the tutorial's counting script wrote when this site was built.`
          : `Drawn from ${file}, which the script above wrote when this site was built.`,
      pick: "Pick an id of the input x:",
      idButton: (id, pos) => `id ${id}, position ${pos}`,
      oneHot: "one_hot(x, 4)",
      weights: "W",
      outputs: "output",
      id: (id) => `id ${id}`,
      row: (r) => `row ${r}`,
      lookup: (pos, id, hot, w, out) =>
        `Position ${pos}: id ${id} selects weight row ${id}: ${w}. ` +
        `Its one-hot row ${hot} has its 1 in column ${id}; output row ${pos} is ${out}.`,
      optimizer: "Optimizer",
      steps: "Training step:",
      step: (n, ids) => `Step ${n}: id ${ids.join(", ")}`,
      after: (n, name) => `The table after step ${n} (${name})`,
      status: { hitMoved: "looked up, moved", moved: "moved", hit: "looked up, did not move", still: "unchanged" },
      rows: (rows) => (rows.length === 1 ? `row ${rows[0]}` : `rows ${list(rows, "and")}`),
      training: (name, n, ids, moved) =>
        `${name}, step ${n} (id ${ids.join(", ")}): ` +
        (moved.length ? `${TEXT.en.rows(moved)} moved` : "no row moved") +
        (moved.length === 4 ? " (every row)." : "."),
      vocabulary: "Vocabulary size V",
      sizes: (n, d) => `N = ${n} ids, D = ${d} numbers per row`,
      gather: "Lookup: N · D copies",
      product: "One-hot product: 2 · N · V · D operations",
      scale: "Bar lengths on a logarithmic scale (powers of ten), so that both fit.",
      cost: (v, g, m, r) =>
        `V = ${v}: the lookup copies ${g} numbers; the one-hot product does ${m} operations, ${r} times as many.`,
    },
    zh: {
      source: (file, kind) =>
        kind === "docsite-cost"
          ? `N 和 D 来自教程中计数的脚本在构建网站时写入的 ${file}。`
          : `数据来自上面的脚本在构建网站时写入的 ${file}。`,
      pick: "选择输入 x 中的一个编号：",
      idButton: (id, pos) => `编号 ${id}，位置 ${pos}`,
      oneHot: "one_hot(x, 4)",
      weights: "W",
      outputs: "输出",
      id: (id) => `编号 ${id}`,
      row: (r) => `第 ${r} 行`,
      lookup: (pos, id, hot, w, out) =>
        `位置 ${pos}：编号 ${id} 选中权重矩阵第 ${id} 行：${w}。` +
        `它的 one-hot 行 ${hot} 在第 ${id} 列是 1；输出第 ${pos} 行是 ${out}。`,
      optimizer: "优化器",
      steps: "训练步骤：",
      step: (n, ids) => `第 ${n} 步：编号 ${ids.join("、")}`,
      after: (n, name) => `第 ${n} 步之后的嵌入表（${name}）`,
      status: { hitMoved: "查到，变了", moved: "变了", hit: "查到，没变", still: "没变" },
      rows: (rows) => `第 ${rows.join("、")} 行`,
      training: (name, n, ids, moved) =>
        `${name}，第 ${n} 步（编号 ${ids.join("、")}）：` +
        (moved.length ? `${TEXT.zh.rows(moved)}变了` : "没有一行变") +
        (moved.length === 4 ? "（全部四行）。" : "。"),
      vocabulary: "词表大小 V",
      sizes: (n, d) => `N = ${n} 个编号，D = 每行 ${d} 个数`,
      gather: "查表：N · D 次复制",
      product: "one-hot 乘积：2 · N · V · D 次运算",
      scale: "条形长度按对数刻度（10 的幂）画出，两者才能画在一起。",
      cost: (v, g, m, r) => `V = ${v}：查表复制 ${g} 个数；one-hot 乘积要做 ${m} 次运算，是查表的 ${r} 倍。`,
    },
  };
  const t = TEXT[lang];

  function list(items, word) {
    return items.length < 2 ? items.join("") : `${items.slice(0, -1).join(", ")} ${word} ${items[items.length - 1]}`;
  }

  // A number as the snippet's float32 holds it: seven significant digits, no trailing zeros.
  const num = (v) => String(Number(Number(v).toPrecision(7)) + 0);
  const vec = (row) => `[${row.map(num).join(", ")}]`;

  function el(tag, attrs = {}, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs)) {
      if (key === "text") node.textContent = value;
      else node.setAttribute(key, value);
    }
    node.append(...children);
    return node;
  }

  let uid = 0;
  const newId = (what) => `docsite-fig-${what}-${++uid}`;

  // A matrix as a table: a caption, one header cell per row, one cell per number.
  function matrix(caption, rows, label) {
    const body = el("tbody");
    rows.forEach((row, r) => {
      body.append(el("tr", {}, el("th", { scope: "row", text: label(r) }), ...row.map((v) => el("td", { text: num(v) }))));
    });
    return el("table", { class: "docsite-matrix" }, el("caption", { text: caption }), body);
  }

  // Buttons of which one is pressed; arrow keys, Home and End move the choice along the group.
  function choices(labelText, names, accessibleName, onPick, kind) {
    const label = el("span", { id: newId("label"), class: "docsite-fig__label", text: labelText });
    const buttons = names.map((name, i) =>
      el("button", { type: "button", "aria-pressed": "false", "aria-label": accessibleName(i), text: name }),
    );
    const group = el("div", { role: "group", "aria-labelledby": label.id, class: `docsite-fig__choices ${kind}` }, ...buttons);
    const pick = (i, focus) => {
      buttons.forEach((b, j) => b.setAttribute("aria-pressed", String(i === j)));
      if (focus) buttons[i].focus();
      onPick(i);
    };
    buttons.forEach((button, i) => {
      button.addEventListener("click", () => pick(i, false));
      button.addEventListener("keydown", (event) => {
        const to = { ArrowRight: i + 1, ArrowDown: i + 1, ArrowLeft: i - 1, ArrowUp: i - 1, Home: 0 }[event.key] ??
          (event.key === "End" ? buttons.length - 1 : null);
        if (to === null) return;
        event.preventDefault();
        pick((to + buttons.length) % buttons.length, true);
      });
    });
    return { node: el("div", { class: "docsite-fig__controls" }, label, group), pick };
  }

  // The lookup: a position of the input, its one-hot row, the weight row it selects and the output row.
  function lookup(root, data) {
    const { ids, one_hot: oneHot, weights, outputs } = data;
    const hot = matrix(t.oneHot, oneHot, (r) => t.id(ids[r]));
    const table = matrix(t.weights, weights, t.row);
    const out = matrix(t.outputs, outputs, (r) => t.id(ids[r]));
    const status = el("p", { class: "docsite-fig__status", "aria-live": "polite" });
    const rowsOf = (tbl) => [...tbl.tBodies[0].rows];
    const show = (pos) => {
      const id = ids[pos];
      for (const [tbl, picked] of [[hot, pos], [table, id], [out, pos]]) {
        rowsOf(tbl).forEach((tr, r) => tr.classList.toggle("is-picked", r === picked));
      }
      rowsOf(hot).forEach((tr, r) => {
        [...tr.cells].slice(1).forEach((td, c) => td.classList.toggle("is-hit", r === pos && c === id));
      });
      status.textContent = t.lookup(pos, id, vec(oneHot[pos]), vec(weights[id]), vec(outputs[pos]));
    };
    const controls = choices(t.pick, ids.map(String), (i) => t.idButton(ids[i], i), show, "is-ids");
    const op = (symbol) => el("span", { class: "docsite-fig__op", "aria-hidden": "true", text: symbol });
    const figure = el("div", { class: "docsite-fig__matrices" }, hot, op("×"), table, op("="), out);
    controls.pick(0, false);
    root.replaceChildren(controls.node, figure, status);
  }

  // Training: per optimizer, the table after each step and the rows that moved in it.
  function training(root, data) {
    const { steps, optimizers } = data;
    const select = el("select", { id: newId("optimizer") });
    optimizers.forEach((o, i) => select.append(el("option", { value: String(i), text: o.optimizer })));
    const label = el("label", { for: select.id, class: "docsite-fig__label", text: t.optimizer });
    const holder = el("div", { class: "docsite-fig__matrices" });
    const status = el("p", { class: "docsite-fig__status", "aria-live": "polite" });
    let step = 0;
    const show = () => {
      const o = optimizers[Number(select.value)];
      const after = o.tables[step + 1];
      const moved = o.moved[step];
      const tbl = matrix(t.after(step + 1, o.optimizer), after, t.row);
      [...tbl.tBodies[0].rows].forEach((tr, r) => {
        const hit = steps[step].includes(r);
        const move = moved.includes(r);
        const word = move ? (hit ? t.status.hitMoved : t.status.moved) : hit ? t.status.hit : t.status.still;
        tr.classList.toggle("is-picked", move);
        tr.append(el("td", { class: "docsite-fig__note", text: word }));
        // Numbers that changed, in the rows that moved (a rounding step elsewhere is not a move).
        [...tr.cells].slice(1, -1).forEach((td, c) => td.classList.toggle("is-hit", move && after[r][c] !== o.tables[step][r][c]));
      });
      holder.replaceChildren(tbl);
      status.textContent = t.training(o.optimizer, step + 1, steps[step], moved);
    };
    const controls = choices(t.steps, steps.map((ids, i) => t.step(i + 1, ids)), (i) => t.step(i + 1, steps[i]), (i) => {
      step = i;
      show();
    }, "is-steps");
    select.addEventListener("change", show);
    controls.pick(0, false);
    root.replaceChildren(el("div", { class: "docsite-fig__controls" }, label, select), controls.node, holder, status);
  }

  // Counting the cost: the work of a lookup and of a one-hot product for the vocabulary chosen.
  function cost(root, data) {
    const { tokens: n, dim: d, vocabulary } = data;
    const sizes = [...new Set([1e3, 2e3, 5e3, 1e4, 2e4, 5e4, 1e5, 2e5, 5e5, 1e6, vocabulary])].sort((a, b) => a - b);
    const count = (v) => v.toLocaleString("en-US");
    const input = el("input", {
      type: "range", id: newId("vocabulary"), min: "0", max: String(sizes.length - 1), step: "1",
      value: String(sizes.indexOf(vocabulary)),
    });
    const label = el("label", { for: input.id, class: "docsite-fig__label", text: t.vocabulary });
    const shown = el("output", { for: input.id, class: "docsite-fig__value" });
    const bar = (name) => {
      const fill = el("span", { class: "docsite-fig__fill" });
      const value = el("span", { class: "docsite-fig__count" });
      const track = el("span", { class: "docsite-fig__track", "aria-hidden": "true" }, fill);
      const row = el("div", { class: "docsite-fig__bar" }, el("span", { text: name }), value, track);
      return { row, fill, value };
    };
    const gather = bar(t.gather);
    const product = bar(t.product);
    gather.row.classList.add("is-lookup");
    const top = Math.log10(2 * n * sizes[sizes.length - 1] * d);
    const status = el("p", { class: "docsite-fig__status", "aria-live": "polite" });
    const show = () => {
      const v = sizes[Number(input.value)];
      const copies = n * d;
      const operations = 2 * n * v * d;
      shown.textContent = count(v);
      input.setAttribute("aria-valuetext", count(v));
      for (const [b, work] of [[gather, copies], [product, operations]]) {
        b.fill.style.width = `${(100 * Math.log10(work)) / top}%`;
        b.value.textContent = count(work);
      }
      status.textContent = t.cost(count(v), count(copies), count(operations), count(operations / copies));
    };
    input.addEventListener("input", show);
    show();
    root.replaceChildren(
      el("div", { class: "docsite-fig__controls" }, label, input, shown),
      el("p", { class: "docsite-fig__sizes", text: t.sizes(count(n), count(d)) }),
      gather.row, product.row,
      el("p", { class: "docsite-fig__scale", text: t.scale }),
      status,
    );
  }

  const KINDS = { "docsite-lookup": lookup, "docsite-training": training, "docsite-cost": cost };
  for (const [kind, draw] of Object.entries(KINDS)) {
    document.querySelectorAll(`.${kind}[data-src]`).forEach((root) => {
      fetch(root.dataset.src)
        .then((response) => {
          if (!response.ok) throw new Error(`${root.dataset.src}: HTTP ${response.status}`);
          return response.json();
        })
        .then((data) => {
          draw(root, data);
          const file = root.dataset.src.split("/").pop();
          root.append(el("p", { class: "docsite-fig__source", text: t.source(file, kind) }));
          root.classList.add("docsite-fig");
        })
        .catch((error) => console.error(`figure ${kind}: ${error}`));
    });
  }
})();
