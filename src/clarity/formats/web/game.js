/* The mystery-picture game of one pack, in a page that runs on its own (clarity export
   --format html). The rules are the desktop's solo round (clarity/core/class_round.py with
   one contestant): the pack's questions in a random order, a tile of the picture uncovered
   for every right answer, a guess at the picture at any moment (a wrong one costs the
   penalty, never below a score of 0), the final guess once the tiles or the questions run
   out, then the reveal and the results. Points come from scoring.js (ClarityScoring) with
   the pack's ScoringRules, and answers are judged by matching.js (ClarityMatching) with the
   Python matcher's tables, both read from the page's JSON data (#game-data). The start
   screen's time per question (the desktop's choices: x1 to x3 or no limit, WCAG 2.2.1
   Timing Adjustable) is the rules' time_scale for the rounds played after it is chosen. */
(function () {
  "use strict";

  const data = JSON.parse(document.getElementById("game-data").textContent);
  const pack = data.pack;
  // the rules of the round being played: the page's, with the time per question chosen
  let rules = data.rules;
  const tables = data.tables;
  const page = data.page;
  const Scoring = globalThis.ClarityScoring;
  const Matching = globalThis.ClarityMatching;
  const LETTERS = "ABCDEF";
  const LOOKS = ["red", "blue", "yellow", "green", "purple", "teal"];
  const numbers = new Intl.NumberFormat(page.locale);
  const pluralRules = new Intl.PluralRules(page.locale);
  const $ = (id) => document.getElementById(id);

  // -- words -------------------------------------------------------------------------

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, (slot, name) => {
      if (!(name in values)) return slot;
      const value = values[name];
      return typeof value === "number" ? numbers.format(value) : String(value);
    });
  }
  const say = (key, values = {}) => fill(page.texts[key], values);
  function sayCount(key, count, values = {}) {
    const forms = page.plurals[key];
    const form = forms[pluralRules.select(count)] || forms.other;
    return fill(form, Object.assign({}, values, { count }));
  }

  // The page's words of ``key`` into ``element`` around the pack's own text put in slot
  // ``name``, which keeps the pack's language and direction (a Hebrew answer in an English
  // sentence).
  function sayAround(element, key, name, packText) {
    const [before, after] = page.texts[key].split(`{${name}}`);
    const words = document.createElement("span");
    words.lang = pack.language;
    words.dir = "auto";
    words.textContent = packText;
    element.replaceChildren(before || "", words, after || "");
  }

  // -- the deal ------------------------------------------------------------------------

  function shuffled(items) {
    const out = items.slice();
    for (let i = out.length - 1; i > 0; i -= 1) {
      const j = Math.floor(Math.random() * (i + 1));
      [out[i], out[j]] = [out[j], out[i]];
    }
    return out;
  }
  const range = (n) => Array.from({ length: n }, (_, i) => i);

  function gridOf(mystery) {
    const grid = mystery.grid;
    if (typeof grid === "string") {
      const [rows, cols] = grid.toLowerCase().split("x").map(Number);
      return { rows, cols };
    }
    return { rows: grid.rows, cols: grid.cols };
  }

  // A question's own limit in seconds while the timer is on (the scoring stretches it).
  function ownLimit(index) {
    return rules.timer ? pack.time_limits[index] : null;
  }
  // The seconds the player has: the own limit times the time scale; null: no limit.
  function stretchedLimit(index) {
    const limit = ownLimit(index);
    if (!limit || limit <= 0 || rules.time_scale === null) return null;
    return limit * rules.time_scale;
  }
  const toTheMillisecond = (seconds) => Math.round(seconds * 1000) / 1000;

  // The most a round can earn (clarity.core.scoring.best_possible_score): each right
  // answer given at once, then the picture guessed with the tiles that play leaves hidden;
  // with more questions than tiles, every choice of which to answer is weighed.
  function bestPossible(limits, totalTiles) {
    const answerValue = (limit) =>
      Scoring.answerPoints({ right: true, seconds: 0, timeLimit: limit, streak: 1 }, rules).total;
    const streakBonus = (streak) =>
      streak <= 1
        ? 0
        : Scoring.answerPoints({ right: true, seconds: 0, timeLimit: null, streak }, rules)
            .streak_bonus;
    const guess = (hidden) =>
      Scoring.imageGuessPoints({ right: true, hiddenTiles: hidden, final: false }, rules).total;
    const values = limits.map(answerValue);
    if (new Set(values).size <= 1) {
      let best = guess(totalTiles);
      let answered = 0;
      values.slice(0, totalTiles).forEach((value, k) => {
        answered += value + streakBonus(k + 1);
        best = Math.max(best, answered + guess(totalTiles - (k + 1)));
      });
      return best;
    }
    const columnsMax = (rows) => rows[0].map((_, k) => Math.max(...rows.map((row) => row[k])));
    const plateau = rules.streak_step > 0 ? Math.floor(rules.streak_cap / rules.streak_step) + 1 : 0;
    const empty = () => range(plateau + 1).map(() => new Array(totalTiles + 1).fill(-Infinity));
    let most = empty();
    most[0][0] = 0;
    for (const value of values) {
      const after = empty();
      after[0] = columnsMax(most);
      most.forEach((row, streak) => {
        const gain = value + streakBonus(streak + 1);
        const moved = [-Infinity].concat(row.slice(0, -1).map((points) => points + gain));
        const target = Math.min(streak + 1, plateau);
        after[target] = after[target].map((points, k) => Math.max(points, moved[k]));
      });
      most = after;
    }
    return Math.max(...columnsMax(most).map((points, right) => points + guess(totalTiles - right)));
  }

  // -- the game's state ------------------------------------------------------------------

  const played = {}; // round index -> its last score
  let round = null;

  function newRound(index) {
    const mystery = pack.rounds[index];
    const { rows, cols } = gridOf(mystery);
    const order = shuffled(range(pack.questions.length));
    return {
      index,
      mystery,
      rows,
      cols,
      total: rows * cols,
      tileOrder: shuffled(range(rows * cols)),
      uncovered: 0,
      order,
      asked: 0,
      phase: "asking",
      question: null,
      score: 0,
      breakdown: { base: 0, time_bonus: 0, streak_bonus: 0, image_bonus: 0, penalty: 0 },
      streak: 0,
      longestStreak: 0,
      right: 0,
      wrong: 0,
      spent: 0,
      since: null,
      best: bestPossible(order.map(ownLimit), rows * cols),
      outcome: null,
    };
  }

  const hiddenTiles = () => round.total - round.uncovered;
  const nothingLeftToAsk = () =>
    round.uncovered >= round.total || round.asked >= round.order.length;
  const guessIsFinal = () =>
    round.phase === "final" || (round.phase === "feedback" && nothingLeftToAsk());
  const currentIndex = () => round.order[round.asked - 1];

  function addPoints(points) {
    for (const part of Object.keys(round.breakdown)) round.breakdown[part] += points[part] || 0;
    round.score += points.total;
  }

  // -- the clock: it runs only while the question can be seen -------------------------------

  function clockSeconds() {
    const running = round.since === null ? 0 : (performance.now() - round.since) / 1000;
    return round.spent + running;
  }
  function startClock() {
    round.spent = 0;
    round.since = document.visibilityState === "hidden" ? null : performance.now();
  }
  function stopClock() {
    round.spent = clockSeconds();
    round.since = null;
  }
  document.addEventListener("visibilitychange", () => {
    if (!round || round.phase !== "asking") return;
    if (document.visibilityState === "hidden") stopClock();
    else if (round.since === null) round.since = performance.now();
  });
  setInterval(() => {
    if (!round || round.phase !== "asking") return;
    const limit = stretchedLimit(currentIndex());
    if (limit === null) return;
    const left = limit - clockSeconds();
    if (left < 0) {
      answer(null);
      return;
    }
    showTimeLeft(left);
  }, 200);

  // -- playing -----------------------------------------------------------------------------

  function startRound(index) {
    rules = Object.assign({}, data.rules, { time_scale: chosenTimeScale() });
    round = newRound(index);
    // a round starts with empty fields: the last round's answer must not be sent again
    $("guess-text").value = "";
    $("typed-answer").value = "";
    show("round-view");
    drawPicture();
    $("round-line").textContent = say("round_of", { number: index + 1, total: pack.rounds.length });
    // for a check from outside (the tests): the order dealt and the best it allows
    $("round-view").dataset.order = round.order.join(" ");
    $("round-view").dataset.best = String(round.best);
    askNext();
  }

  function askNext() {
    if (nothingLeftToAsk()) {
      round.phase = "final";
      drawFinal();
      return;
    }
    round.asked += 1;
    round.phase = "asking";
    const index = currentIndex();
    const written = pack.questions[index];
    const question = Object.assign({}, written);
    if (written.type === "choice" && written.shuffle !== false) {
      question.choices = shuffled(written.choices);
    }
    round.question = question;
    drawQuestion(index, question);
    startClock();
  }

  // response: the choice's text, true/false, the typed text, or null (time ran out).
  function answer(response) {
    if (!round || round.phase !== "asking") return;
    stopClock();
    const index = currentIndex();
    const question = pack.questions[index];
    const seconds = toTheMillisecond(clockSeconds());
    const limit = stretchedLimit(index);
    const timedOut = response === null || (limit !== null && seconds > limit);
    const right =
      !timedOut && Matching.isRight(question, response, pack.language, tables) === true;
    round.streak = right ? round.streak + 1 : 0;
    round.longestStreak = Math.max(round.longestStreak, round.streak);
    const points = Scoring.answerPoints(
      { right, seconds, timeLimit: ownLimit(index), streak: round.streak },
      rules,
    );
    addPoints(points);
    if (right) {
      round.right += 1;
      round.uncovered += 1;
    } else {
      round.wrong += 1;
    }
    round.phase = "feedback";
    drawFeedback(index, right, timedOut, points);
  }

  function next() {
    if (!round || round.phase !== "feedback") return;
    askNext();
  }

  function guess(text) {
    if (!round || round.phase === "ended" || !text.trim()) return;
    const final = guessIsFinal();
    const hidden = hiddenTiles();
    const right = Matching.guessIsRight(text, round.mystery, pack.language, tables) === true;
    let points = Scoring.imageGuessPoints({ right, hiddenTiles: hidden, final }, rules);
    if (points.penalty > round.score) {
      points = { base: 0, time_bonus: 0, streak_bonus: 0, image_bonus: 0, penalty: round.score };
      points.total = -round.score;
    }
    addPoints(points);
    if (right) {
      endRound("guessed", points);
    } else if (final) {
      endRound("missed", points);
    } else {
      drawWrongGuess(points);
    }
  }

  function reveal() {
    if (round && round.phase !== "ended" && guessIsFinal()) endRound("missed", null);
  }

  function endRound(outcome, points) {
    if (round.phase === "asking") stopClock();
    round.phase = "ended";
    round.outcome = outcome;
    played[round.index] = round.score;
    drawEnd(points);
  }

  // -- drawing -------------------------------------------------------------------------------

  function show(view) {
    for (const id of ["start-view", "round-view"]) $(id).hidden = id !== view;
  }

  function announce(text) {
    const region = $("said");
    region.textContent = "";
    // a new text node a moment later: screen readers announce a repeated text again
    setTimeout(() => {
      region.textContent = text;
    }, 50);
  }

  function drawScore() {
    const chip = $("score-chip");
    chip.hidden = false;
    chip.dataset.score = String(round.score);
    chip.textContent = say("score", { score: round.score });
  }

  function drawPicture() {
    coverPicture($("picture-box"), $("picture"), $("tiles"), round.mystery);
    $("caption").hidden = true;
    drawTiles();
  }

  // ``mystery``'s picture in ``box`` under a grid of covering tiles in ``tiles``.
  function coverPicture(box, picture, tiles, mystery) {
    const source = mystery.picture;
    const { rows, cols } = gridOf(mystery);
    box.classList.toggle("empty", !source);
    picture.hidden = !source;
    box.style.removeProperty("--ratio");
    if (source) {
      picture.onload = () => fitPicture(box, picture);
      picture.src = source;
      if (picture.complete && picture.naturalWidth) fitPicture(box, picture);
    }
    tiles.replaceChildren();
    tiles.style.gridTemplateRows = `repeat(${rows}, 1fr)`;
    tiles.style.gridTemplateColumns = `repeat(${cols}, 1fr)`;
    for (let k = 0; k < rows * cols; k += 1) {
      const tile = document.createElement("div");
      tile.className = "tile";
      tiles.append(tile);
    }
  }

  // The box takes the picture's proportions; game.css sizes it from them (--ratio).
  function fitPicture(box, picture) {
    box.style.setProperty("--ratio", String(picture.naturalWidth / picture.naturalHeight));
  }

  function drawTiles() {
    const tiles = $("tiles").children;
    const open = new Set(round.tileOrder.slice(0, round.uncovered));
    for (let k = 0; k < tiles.length; k += 1) {
      tiles[k].classList.toggle("open", round.phase === "ended" || open.has(k));
    }
    $("tiles").dataset.hidden = String(round.phase === "ended" ? 0 : hiddenTiles());
    $("picture").alt =
      round.phase === "ended"
        ? round.mystery.answer
        : say("picture_hidden", { hidden: hiddenTiles(), total: round.total });
  }

  function drawGuessPanel() {
    const ended = round.phase === "ended";
    $("guess-form").hidden = ended;
    if (ended) return;
    const final = guessIsFinal();
    const hidden = hiddenTiles();
    const win = Scoring.imageGuessPoints({ right: true, hiddenTiles: hidden, final }, rules).total;
    const lose = Math.min(
      Scoring.imageGuessPoints({ right: false, hiddenTiles: hidden, final }, rules).penalty,
      round.score,
    );
    let note = say("final_guess");
    if (!final) note = lose ? say("guess_stakes", { right: win, wrong: lose }) : say("guess_worth", { right: win });
    $("guess-note").textContent = note;
    $("show-picture").hidden = !final;
  }

  function drawQuestion(index, question) {
    $("feedback").hidden = true;
    $("end").hidden = true;
    $("question-panel").hidden = false;
    $("guess-result").hidden = true;
    $("question-number").textContent = say("question", { number: round.asked });
    const prompt = $("prompt");
    prompt.textContent = question.prompt;
    prompt.lang = pack.language;
    const picture = $("question-picture");
    const source = pack.question_pictures[index];
    picture.hidden = !source;
    if (source) picture.src = source;
    $("typed-answer").value = "";
    const choices = $("choices");
    choices.replaceChildren();
    choices.hidden = question.type !== "choice" && question.type !== "truefalse";
    $("typed-form").hidden = !choices.hidden;
    if (question.type === "choice") {
      question.choices.forEach((choice, k) => {
        choices.append(choiceButton(LETTERS[k], choice, LOOKS[k], () => answer(choice)));
      });
    } else if (question.type === "truefalse") {
      choices.append(choiceButton("T", say("true"), "green", () => answer(true), page.lang));
      choices.append(choiceButton("F", say("false"), "red", () => answer(false), page.lang));
    } else {
      const field = $("typed-answer");
      field.lang = pack.language;
      field.inputMode = question.type === "number" ? "decimal" : "text";
    }
    const limit = stretchedLimit(index);
    $("time-left").hidden = limit === null;
    if (limit !== null) showTimeLeft(limit);
    drawScore();
    drawTiles();
    drawGuessPanel();
    if (question.type === "typed" || question.type === "number") $("typed-answer").focus();
    else prompt.focus();
  }

  function choiceButton(letter, text, look, chosen, lang) {
    const button = document.createElement("button");
    button.type = "button";
    button.className = `choice look-${look}`;
    const mark = document.createElement("span");
    mark.className = "choice-letter";
    mark.textContent = letter;
    const words = document.createElement("span");
    words.className = "choice-text";
    words.dir = "auto";
    words.lang = lang || pack.language;
    words.textContent = text;
    button.append(mark, words);
    button.dataset.key = letter;
    button.addEventListener("click", chosen);
    return button;
  }

  function showTimeLeft(left) {
    const seconds = Math.max(0, Math.ceil(left));
    const time = $("time-left");
    time.textContent = sayCount("seconds_left", seconds);
    time.classList.toggle("low", seconds <= 5);
  }

  function drawFeedback(index, right, timedOut, points) {
    $("question-panel").hidden = true;
    $("feedback").hidden = false;
    const verdict = $("verdict");
    verdict.textContent = right ? say("right") : timedOut ? say("no_answer") : say("wrong");
    verdict.className = `verdict ${right ? "right" : "wrong"}`;
    $("points").textContent = right ? sayCount("points", points.total) : "";
    sayAround($("right-answer"), "right_answer", "answer", pack.right_answers[index]);
    $("explain").textContent = pack.questions[index].explain || "";
    $("explain").lang = pack.language;
    $("explain").hidden = !pack.questions[index].explain;
    if (round.streak > 1) $("points").textContent += ` · ${say("streak", { count: round.streak })}`;
    drawScore();
    drawTiles();
    drawGuessPanel();
    const parts = [verdict.textContent, $("points").textContent];
    if (!right) parts.push($("right-answer").textContent);
    parts.push(say("score", { score: round.score }));
    announce(parts.filter(Boolean).join(" "));
    $("next").focus();
  }

  function drawFinal() {
    $("question-panel").hidden = true;
    $("feedback").hidden = true;
    $("question-number").textContent = "";
    drawTiles();
    drawGuessPanel();
    announce(say("final_guess"));
    $("guess-text").focus();
  }

  function drawWrongGuess(points) {
    const result = $("guess-result");
    result.hidden = false;
    result.textContent = points.penalty
      ? `${say("guess_wrong")} ${sayCount("penalty", points.penalty)}`
      : say("guess_wrong");
    $("guess-text").value = "";
    drawScore();
    drawGuessPanel();
    announce(`${result.textContent} ${say("score", { score: round.score })}`);
  }

  function drawEnd(points) {
    $("question-panel").hidden = true;
    $("feedback").hidden = true;
    $("end").hidden = false;
    $("guess-result").hidden = true;
    $("question-number").textContent = "";
    drawTiles();
    drawGuessPanel();
    const caption = $("caption");
    caption.hidden = !round.mystery.caption;
    caption.textContent = round.mystery.caption || "";
    caption.lang = pack.language;
    const guessed = round.outcome === "guessed";
    const verdict = $("end-verdict");
    verdict.textContent = guessed
      ? sayCount("guess_right", points.image_bonus)
      : say("not_this_time");
    verdict.className = `verdict ${guessed ? "right" : "wrong"}`;
    sayAround($("end-answer"), "mystery_answer", "answer", round.mystery.answer);
    const score = $("end-score");
    score.textContent = say("score", { score: round.score });
    score.dataset.score = String(round.score);
    const table = $("breakdown");
    table.replaceChildren();
    const lines = [
      ["base_points", round.breakdown.base],
      ["time_bonus", round.breakdown.time_bonus],
      ["streak_bonus", round.breakdown.streak_bonus],
      ["image_bonus", round.breakdown.image_bonus],
      ["penalty_points", -round.breakdown.penalty],
    ];
    for (const [key, value] of lines) {
      if (!value) continue;
      const row = table.insertRow();
      const head = document.createElement("th");
      head.scope = "row";
      head.textContent = say(key);
      row.append(head);
      row.insertCell().textContent = numbers.format(value);
    }
    const best = $("end-best");
    best.textContent = say("best_possible", { best: round.best });
    best.dataset.best = String(round.best);
    const total = Object.values(played).reduce((sum, value) => sum + value, 0);
    $("end-total").textContent = say("total_score", { score: total });
    $("end-total").hidden = pack.rounds.length < 2;
    $("next-round").hidden = round.index + 1 >= pack.rounds.length;
    drawScore();
    announce(
      [verdict.textContent, $("end-answer").textContent, score.textContent, best.textContent].join(
        " ",
      ),
    );
    verdict.focus();
  }

  function drawStart() {
    show("start-view");
    $("score-chip").hidden = true;
    $("round-line").textContent = "";
    if (pack.rounds.length) coverPicture($("hero-box"), $("hero-picture"), $("hero-tiles"), pack.rounds[0]);
    const list = $("round-list");
    list.replaceChildren();
    pack.rounds.forEach((_, index) => {
      const button = document.createElement("button");
      button.type = "button";
      button.className = "action secondary";
      button.textContent = say("round_n", { number: index + 1 });
      button.addEventListener("click", () => startRound(index));
      list.append(button);
    });
    $("start-title").focus();
  }

  // -- controls ------------------------------------------------------------------------------

  function setUp() {
    document.title = pack.title;
    for (const [id, text] of [
      ["brand", pack.title],
      ["start-title", pack.title],
      ["start-description", pack.description],
    ]) {
      $(id).textContent = text;
      $(id).lang = pack.language;
    }
    const words = {
      play: "play",
      "rounds-heading": "rounds",
      "keys-help": "keys_help",
      "typed-label": "answer_label",
      "time-scale-label": "time_per_question",
      "typed-send": "send_answer",
      next: "next",
      "guess-heading": "guess_heading",
      "guess-label": "guess_label",
      "guess-send": "guess",
      "show-picture": "show_picture",
      "next-round": "next_round",
      "play-again": "play_again",
      "to-rounds": "to_rounds",
    };
    for (const [id, key] of Object.entries(words)) {
      $(id).textContent = say(key);
      $(id).lang = page.lang;
    }
    $("round-list").setAttribute("aria-labelledby", "rounds-heading");
    $("start-facts").textContent = [
      sayCount("question_count", pack.questions.length),
      sayCount("round_count", pack.rounds.length),
    ].join(" · ");
    setUpTimeChoice();
    $("guess-text").lang = pack.language;
    $("play").addEventListener("click", () => startRound(0));
    $("next").addEventListener("click", next);
    $("show-picture").addEventListener("click", reveal);
    $("next-round").addEventListener("click", () => startRound(round.index + 1));
    $("play-again").addEventListener("click", () => startRound(round.index));
    $("to-rounds").addEventListener("click", drawStart);
    $("typed-form").addEventListener("submit", (event) => {
      event.preventDefault();
      if ($("typed-answer").value.trim()) answer($("typed-answer").value);
    });
    $("guess-form").addEventListener("submit", (event) => {
      event.preventDefault();
      guess($("guess-text").value);
    });
    document.addEventListener("keydown", onKey);
  }

  // The start screen's time per question: the desktop's choices, the page's rules' first.
  // Without the timer there is no countdown to adjust, and no choice.
  function setUpTimeChoice() {
    const select = $("time-scale");
    select.replaceChildren();
    data.time_scales.forEach((scale, k) => {
      const option = document.createElement("option");
      option.value = String(k);
      option.textContent = scale === null ? say("no_limit") : `×${numbers.format(scale)}`;
      option.selected = scale === data.rules.time_scale;
      select.append(option);
    });
    $("time-setting").hidden = !data.rules.timer;
  }

  function chosenTimeScale() {
    const chosen = data.time_scales[Number($("time-scale").value)];
    return chosen === undefined ? data.rules.time_scale : chosen;
  }

  // The key a letter or digit names: the letter typed where it is a Latin letter or a digit
  // (an AZERTY keyboard's A is A), else the key's place (event.code), as the desktop game
  // reads scancodes: on a Russian or Belarusian layout the keys that type Ф И С В У А
  // (and Е, П) still choose A–F, T/F and G.
  function keyOf(event) {
    const typed = event.key.length === 1 ? event.key.toUpperCase() : event.key;
    if (typed.length !== 1 || /^[A-Z0-9]$/.test(typed)) return typed;
    const place = /^(?:Key([A-Z])|(?:Digit|Numpad)([0-9]))$/.exec(event.code || "");
    return place ? place[1] || place[2] : typed;
  }

  function onKey(event) {
    if (event.ctrlKey || event.metaKey || event.altKey || !round) return;
    const target = event.target;
    if (target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement) {
      // Esc: from the guess back to the question; from the answer field to the question's
      // text, where the letter keys (G) work again
      if (event.key === "Escape") {
        const typed = !$("typed-form").hidden && !$("question-panel").hidden;
        if (target.id === "guess-text" && typed) $("typed-answer").focus();
        else $("prompt").focus();
      }
      return;
    }
    const key = keyOf(event);
    if (round.phase === "asking" && $("start-view").hidden) {
      const keys = round.question.type === "truefalse" ? "TF" : LETTERS;
      let position = keys.indexOf(key);
      if (position < 0 && round.question.type === "choice") position = "123456".indexOf(key);
      const buttons = $("choices").querySelectorAll("button");
      if (key.length === 1 && position >= 0 && position < buttons.length) {
        event.preventDefault();
        buttons[position].click();
        return;
      }
    }
    if (key === "G" && round.phase !== "ended" && $("start-view").hidden) {
      event.preventDefault();
      $("guess-text").focus();
      return;
    }
    if (key === "Enter" && round.phase === "feedback" && !(target instanceof HTMLButtonElement)) {
      event.preventDefault();
      next();
    }
  }

  setUp();
  drawStart();
})();
