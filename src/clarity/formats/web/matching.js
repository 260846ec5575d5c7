/* Answer matching of the web game: a port of clarity.core.matching, clarity.core.number_reading
 * and clarity.core.answers.is_right, so that the page judges an answer as the desktop game does.
 *
 * Every table (letter folds, letters of their own, articles, number conventions, signs...)
 * comes from the Python modules at build time (clarity.formats.web.matching_tables), passed in
 * as `tables`; the rules here follow the Python functions one by one, named alike. The shared
 * case tables in tests/shared_cases/ run against both. Numbers are exact decimals held as
 * BigInt digits and a scale, as Python's Decimal holds them. Plain script, no modules, ES2020.
 */
(function () {
  "use strict";

  // ---- Unicode helpers (what Python's str methods and unicodedata give) --------------------

  // The regular expressions and sets made from a tables object, once per object (which may
  // be frozen: the cache is beside it, not on it).
  const preparedFor = new WeakMap();

  function prepared(tables) {
    const cached = preparedFor.get(tables);
    if (cached !== undefined) return cached;
    const hex = (code) => "\\u{" + code.toString(16) + "}";
    const esc = (text) => Array.from(text, (c) => hex(c.codePointAt(0))).join("");
    const spaces = esc(tables.python_spaces);
    const signs = esc(tables.signs);
    const separators = esc(tables.separators);
    const numberSpaces = esc(tables.number_spaces);
    // Code points Python's Unicode does not know: never a letter, digit or mark here either.
    const unknown = tables.unassigned_ranges
      .map(([a, b]) => (a === b ? hex(a) : hex(a) + "-" + hex(b)))
      .join("");
    const known = (cls) => `(?:(?![${unknown}])[${cls}])`;
    const alnum = known("\\p{L}\\p{N}");
    const nd = known("\\p{Nd}");
    const p = {
      spaceClass: spaces,
      spaceSet: new Set(Array.from(tables.python_spaces)),
      digitExtra: new Set(Array.from(tables.digit_not_decimal)),
      zeros: tables.decimal_zeros.slice().sort((a, b) => a - b),
      accented: tables.accented_script_ranges,
      syllabic: tables.syllabic_script_ranges,
      wordMarks: new Set(Array.from(tables.word_marks)),
      dashes: new Set(Array.from(tables.dashes)),
      apostrophes: new Set(Array.from(tables.apostrophes)),
      negative: new Set(Array.from(tables.negative)),
      numberSpaces: new Set(Array.from(tables.number_spaces)),
      numberApostrophes: new Set(Array.from(tables.number_apostrophes)),
      separators: new Set(Array.from(tables.separators)),
      slashes: new Set(Array.from(tables.slashes)),
      vulgar: new Set(Array.from(tables.vulgar_fractions)),
      numberWords: new Set(tables.number_words),
      // NUMBER_RUN, with Python's atomic group written as a lookahead and a back-reference.
      numberRun: new RegExp(
        `(?<!${alnum})(?<!${nd}[eE][${signs}])([${signs}]?)` +
          `(?=((?:${nd}+|[.,](?=${nd}))${nd}*(?:[${separators}]${nd}+)*))\\2(?!${alnum})`,
        "gu"
      ),
      // SCIENTIFIC: the power's atomic group written as NUMBER_RUN's is.
      scientific: new RegExp(
        `(?<!${alnum})(?<!${nd}[${separators}])([${signs}]?)(${nd}+(?:[.,]${nd}+)?|[.,]${nd}+)` +
          `(?:[eE]|[${numberSpaces}]?[${esc(tables.scientific_times)}][${numberSpaces}]?10\\^)` +
          `([${signs}]?)(?=(${nd}+(?:[.,]${nd}+)*))\\4(?!${alnum})`,
        "gu"
      ),
      fraction: new RegExp(
        `(?<!${alnum})(?<!/)([${signs}]?)(?:(${nd}+)[ \\u00a0\\u202f])?` +
          `(${nd}+)/(${nd}+)(?!${alnum}|/|[.,]${nd})`,
        "gu"
      ),
      spacedSign: new RegExp(`^([${spaces}]*[${signs}])[${spaces}]+(?=${nd}|[.,])`, "u"),
      superscriptRun: new RegExp(`[${esc(tables.superscripts)}]+`, "gu"),
      powerAfterLetter: new RegExp(`(?<=${known("\\p{L}\\p{Nl}\\p{No}")})\\^(?=${nd})`, "gu"),
      letterRun: new RegExp(`${known("\\p{L}\\p{Nl}\\p{No}")}+`, "gu"),
      spaceRun: new RegExp(`[${spaces}]+`, "gu"),
      splitSeparators: new RegExp(`([${separators}])`, "u"),
      splitSpaces: new RegExp(`[${numberSpaces}]`, "u"),
      splitMarks: /[.,'\u2019]/u,
      known: (c) => !inRanges(c.codePointAt(0), tables.unassigned_ranges),
      percent: new RegExp(
        tables.percent_pattern
          .replace(/\\S/g, `[^${spaces}]`)
          .replace(/\\s/g, `[${spaces}]`).replace(/\\u([0-9a-fA-F]{4})/g, "\\u{$1}"),
        "u"
      ),
    };
    preparedFor.set(tables, p);
    return p;
  }

  // What Python's str methods and unicodedata.category say of one character; a code point
  // Python's Unicode does not know (p.known false) is none of them, whatever the browser says.
  const isAlpha = (c, p) => /^\p{L}$/u.test(c) && p.known(c);
  const isAlnum = (c, p) => /^[\p{L}\p{N}]$/u.test(c) && p.known(c);
  const isDecimal = (c, p) => /^\p{Nd}$/u.test(c) && p.known(c);
  const isDigit = (c, p) => isDecimal(c, p) || p.digitExtra.has(c);
  const isFormat = (c, p) => /^\p{Cf}$/u.test(c) && p.known(c);
  const isMark = (c, p) => /^\p{M}$/u.test(c) && p.known(c);
  const inRanges = (code, ranges) => {
    let low = 0;
    let high = ranges.length - 1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      if (code < ranges[mid][0]) high = mid - 1;
      else if (code > ranges[mid][1]) low = mid + 1;
      else return true;
    }
    return false;
  };
  const chars = (text) => Array.from(text);
  // A table's own entry for `key`, else `fallback` (never Object.prototype's "constructor"...).
  const entry = (table, key, fallback) =>
    Object.prototype.hasOwnProperty.call(table, key) ? table[key] : fallback;
  const primary = (language) => language.split("-", 1)[0].toLowerCase();

  // text.normalize(form) as Python's unicodedata does it: a code point Python does not know
  // is left as it is (a newer Unicode may give it a decomposition) and composes with nothing.
  function normalized(text, form, p) {
    let out = "";
    let run = "";
    for (const c of text) {
      if (p.known(c)) run += c;
      else {
        out += run.normalize(form) + c;
        run = "";
      }
    }
    return out + run.normalize(form);
  }

  function casefold(text, tables) {
    let out = "";
    const p = prepared(tables);
    for (const c of text) out += entry(tables.casefold, c, p.known(c) ? c.toLowerCase() : c);
    return out;
  }

  function isSpace(c, p) {
    return p.spaceSet.has(c);
  }

  function strip(text, p, set) {
    const list = chars(text);
    const keep = set ? (c) => set.has(c) : (c) => isSpace(c, p);
    let start = 0;
    let end = list.length;
    while (start < end && keep(list[start])) start++;
    while (end > start && keep(list[end - 1])) end--;
    return list.slice(start, end).join("");
  }

  function digitValue(c, p) {
    const code = c.codePointAt(0);
    let found = -1;
    for (const zero of p.zeros) {
      if (zero <= code && code < zero + 10) found = code - zero;
    }
    return found;
  }

  function asciiDigits(text, p) {
    return chars(text)
      .map((c) => String(digitValue(c, p)))
      .join("");
  }

  // ---- Exact decimals: {sign: 1|-1, digits: BigInt >= 0, exp: int} is sign*digits*10**exp --

  const TEN = BigInt(10);
  const ZERO = BigInt(0);
  const PRECISION = 28; // Python's decimal context

  function decimalOf(whole, decimals) {
    const digits = BigInt((whole + decimals).replace(/^0+(?=.)/, "") || "0");
    return { sign: 1, digits, exp: -decimals.length };
  }

  function roundHalfEven(d, precision) {
    const text = d.digits.toString();
    if (d.digits === ZERO || text.length <= precision) return d;
    const drop = text.length - precision;
    const unit = TEN ** BigInt(drop);
    let kept = d.digits / unit;
    const rest = d.digits % unit;
    const half = unit / BigInt(2);
    if (rest > half || (rest === half && kept % BigInt(2) === BigInt(1))) kept += BigInt(1);
    return roundHalfEven({ sign: d.sign, digits: kept, exp: d.exp + drop }, precision);
  }

  function negated(d) {
    // Python's -Decimal rounds to the context's 28 digits, and -0 is 0 (the minus operation).
    const r = roundHalfEven(d, PRECISION);
    return { sign: r.digits === ZERO ? 1 : -r.sign, digits: r.digits, exp: r.exp };
  }

  function plainText(d) {
    // format(value, "f"): the digits as held, a point before the last -exp of them; a zero
    // with a positive exponent (0E+5) is written 0, as Python writes it.
    let text = d.digits.toString();
    if (d.exp > 0 && d.digits !== ZERO) text += "0".repeat(d.exp);
    else if (d.exp < 0) {
      const places = -d.exp;
      text = text.padStart(places + 1, "0");
      text = text.slice(0, text.length - places) + "." + text.slice(text.length - places);
    }
    return (d.sign < 0 ? "-" : "") + text;
  }

  function scaledTo(d, exp) {
    return BigInt(d.sign) * d.digits * TEN ** BigInt(d.exp - exp);
  }

  function compare(a, b) {
    if (a === Infinity || b === -Infinity) return a === b ? 0 : 1;
    if (a === -Infinity || b === Infinity) return a === b ? 0 : -1;
    const exp = Math.min(a.exp, b.exp);
    const x = scaledTo(a, exp);
    const y = scaledTo(b, exp);
    return x < y ? -1 : x > y ? 1 : 0;
  }

  function add(a, b) {
    const exp = Math.min(a.exp, b.exp);
    const total = scaledTo(a, exp) + scaledTo(b, exp);
    return { sign: total < ZERO ? -1 : 1, digits: total < ZERO ? -total : total, exp };
  }

  function absolute(d) {
    return { sign: 1, digits: d.digits, exp: d.exp };
  }

  function multiply(a, b) {
    return { sign: a.sign * b.sign, digits: a.digits * b.digits, exp: a.exp + b.exp };
  }

  function quotient(numerator, denominator) {
    // Decimal(n) / Decimal(d) at 28 digits, half to even (n >= 0, d > 0).
    if (numerator === ZERO) return { sign: 1, digits: ZERO, exp: 0 };
    let exp = 0;
    let scaled = numerator;
    while ((scaled / denominator).toString().length < PRECISION + 2) {
      scaled *= TEN;
      exp -= 1;
    }
    let digits = scaled / denominator;
    const exact = digits * denominator === scaled;
    let result = { sign: 1, digits, exp };
    if (!exact) {
      // A remainder below the kept digits: nudge the last digit so that a tie is not one.
      result = { sign: 1, digits: digits * TEN + BigInt(1), exp: exp - 1 };
    }
    result = roundHalfEven(result, PRECISION);
    // Python gives an exact quotient its ideal exponent: trailing zeros dropped to it.
    if (exact) {
      const ideal = 0;
      while (result.exp < ideal && result.digits % TEN === ZERO && result.digits !== ZERO) {
        result = { sign: 1, digits: result.digits / TEN, exp: result.exp + 1 };
      }
    }
    return result;
  }

  // ---- number_reading -----------------------------------------------------------------

  function conventionsFor(language, tables) {
    const subtags = language.toLowerCase().replace(/_/g, "-").split("-");
    const region = subtags.slice(1, 3).find((tag) => /^(?:[a-z]{2}|\d{3})$/.test(tag));
    const all = tables.number_conventions;
    const regional =
      region === undefined ? undefined : entry(all, `${subtags[0]}-${region}`, undefined);
    return regional !== undefined ? regional : entry(all, subtags[0], all.en);
  }

  function spellNumbers(text, language, tables) {
    const p = prepared(tables);
    text = normalized(text, "NFC", p);
    const list = chars(text);
    const slash = (s) => chars(s).map((c) => (p.slashes.has(c) ? "/" : c)).join("");
    let out = "";
    list.forEach((c, i) => {
      if (p.vulgar.has(c)) {
        if (i && isDigit(list[i - 1], p)) out += " ";
        out += slash(normalized(c, "NFKC", p));
      } else out += c;
    });
    const spelt = slash(out);
    const units = spelt; // indexes below are UTF-16 ones, as the regexp gives them
    const powered = units.replace(p.superscriptRun, (match, offset) => {
      const plain = normalized(match, "NFKC", p);
      const before = offset > 0 ? chars(units.slice(0, offset)).pop() : "";
      return before && (isDigit(before, p) || ")]".includes(before)) ? "^" + plain : plain;
    });
    const decimal = conventionsFor(language, tables).decimal;
    return powered
      .split(tables.arabic_decimal)
      .join(decimal)
      .split(tables.arabic_group)
      .join("\u202f");
  }

  function closeSpacedSign(text, p) {
    return text.replace(p.spacedSign, "$1");
  }

  function reading(value, asWritten, leadingZero, fraction) {
    return { value, asWritten: asWritten || "", leadingZero: !!leadingZero, fraction: !!fraction };
  }

  const AMBIGUOUS = "ambiguous";

  function grouped(groups, seps, conventions, p) {
    if (!seps.length) return groups[0];
    const first = groups[0];
    const firstLength = chars(first).length;
    if (firstLength < 1 || firstLength > 3 || first.startsWith("0")) return null;
    const kind = (s) => (p.numberSpaces.has(s) ? " " : p.numberApostrophes.has(s) ? "'" : s);
    const kinds = new Set(seps.map(kind));
    if (kinds.size > 1) return null;
    const only = [...kinds][0];
    const len = (g) => chars(g).length;
    const lakh = conventions.lakh && only === conventions.group && firstLength <= 2;
    const twos = groups.slice(1, -1).every((g) => len(g) === 2);
    if (lakh && twos && len(groups[groups.length - 1]) === 3) {
      return groups.join("");
    }
    if (!groups.slice(1).every((g) => len(g) === 3)) return null;
    if (only === " " || only === "'" || only === conventions.group) return groups.join("");
    return AMBIGUOUS;
  }

  function valueOf(sign, whole, decimals, asWritten, p) {
    let value = decimalOf(asciiDigits(whole, p), asciiDigits(decimals, p));
    if (p.negative.has(sign)) value = negated(value);
    if (value.digits === ZERO) value = absolute(value);
    const leadingZero = !decimals && chars(whole).length > 1 && whole.startsWith("0");
    return reading(value, asWritten, leadingZero);
  }

  function readOne(sign, body, conventions, p) {
    const parts = body.split(p.splitSeparators);
    const groups = parts.filter((_, i) => i % 2 === 0);
    const seps = parts.filter((_, i) => i % 2 === 1);
    const asWritten = reading(null, sign + body);
    const decimalSigns = [conventions.decimal, "."];
    if (groups[0] === "") {
      if (seps.length === 1 && decimalSigns.includes(seps[0])) {
        return valueOf(sign, "0", groups[1], sign + body, p);
      }
      return null;
    }
    const last = seps.length ? seps[seps.length - 1] : null;
    if (last !== null && chars(groups[groups.length - 1]).length === 3) {
      const whole = grouped(groups, seps, conventions, p);
      if (whole !== AMBIGUOUS && whole !== null) return valueOf(sign, whole, "", sign + body, p);
      const lastOnce = seps.filter((s) => s === last).length === 1;
      if (whole === AMBIGUOUS && !(lastOnce && decimalSigns.includes(last))) {
        return asWritten;
      }
    }
    let decimals = "";
    if (last !== null && decimalSigns.includes(last)) {
      decimals = groups.pop();
      seps.pop();
    } else if (seps.length) return null;
    const whole = grouped(groups, seps, conventions, p);
    if (whole === null || whole === AMBIGUOUS) return whole === null ? null : asWritten;
    return valueOf(sign, whole, decimals, sign + body, p);
  }

  function readRun(sign, body, conventions, p) {
    if (!strip(body, p, p.separators)) return [];
    const one = readOne(sign, body, conventions, p);
    if (one !== null) return [one];
    if (".,".includes(body[0])) return [reading(null, sign + body)];
    let pieces = body.split(p.splitSpaces);
    if (pieces.length === 1) pieces = body.split(p.splitMarks);
    let readings = [];
    pieces.forEach((piece, i) => {
      readings = readings.concat(readRun(i === 0 ? sign : "", piece, conventions, p));
    });
    return readings;
  }

  function readFraction(sign, whole, numerator, denominator, p) {
    const negative = p.negative.has(sign);
    const big = (digits) => BigInt(asciiDigits(digits, p));
    let written = negative ? "-" : "";
    if (whole) written += `${big(whole)} `;
    written += `${big(numerator)}/${big(denominator)}`;
    if (big(denominator) === ZERO) return reading(null, written, false, true);
    const wholeValue = { sign: 1, digits: whole ? big(whole) : ZERO, exp: 0 };
    const part = quotient(big(numerator), big(denominator));
    let value = roundHalfEven(add(wholeValue, part), PRECISION);
    if (negative) value = negated(value);
    return reading(value, written, false, true);
  }

  function readScientific(match, conventions, tables, p) {
    const [written, sign, mantissa, powerSign, power] = match;
    const asWritten = reading(null, written);
    const separator = mantissa.includes(",") ? "," : ".";
    const at = mantissa.indexOf(separator);
    const whole = at < 0 ? mantissa : mantissa.slice(0, at);
    const decimals = at < 0 ? "" : mantissa.slice(at + 1);
    if (at >= 0 && separator !== conventions.decimal && separator !== ".") return asWritten;
    if (power.includes(".") || power.includes(",")) return asWritten;
    const places = asciiDigits(power, p).replace(/^0+/, "");
    const most = tables.most_exponent;
    if (places.length > String(most).length || Number(places || "0") > most) return asWritten;
    let value = decimalOf(asciiDigits(whole || "0", p), asciiDigits(decimals, p));
    const exponent = p.negative.has(powerSign) ? -Number(places || "0") : Number(places || "0");
    value = { sign: value.sign, digits: value.digits, exp: value.exp + exponent };
    if (p.negative.has(sign)) value = negated(value);
    if (value.digits === ZERO) value = absolute(value);
    return reading(value, written);
  }

  // [start, end, readings] of each number in `text` (UTF-16 offsets), in order.
  function numberSpans(text, language, tables) {
    const p = prepared(tables);
    const conventions = conventionsFor(language, tables);
    const whole = [];
    for (const m of text.matchAll(p.scientific)) {
      whole.push([m.index, m.index + m[0].length, readScientific(m, conventions, tables, p)]);
    }
    for (const fraction of text.matchAll(p.fraction)) {
      const [written, sign, wholePart, numerator, denominator] = fraction;
      const start = fraction.index;
      const end = start + written.length;
      if (whole.some(([from, to]) => from < end && start < to)) continue;
      whole.push([start, end, readFraction(sign, wholePart, numerator, denominator, p)]);
    }
    whole.sort((a, b) => a[0] - b[0]);
    whole.push([text.length, text.length, null]);
    const spans = [];
    let position = 0;
    for (const [start, end, read] of whole) {
      const slice = text.slice(0, start);
      p.numberRun.lastIndex = position;
      let match;
      while ((match = p.numberRun.exec(slice)) !== null) {
        const run = readRun(match[1], match[2], conventions, p);
        spans.push([match.index, match.index + match[0].length, run]);
      }
      if (read === null) break;
      spans.push([start, end, [read]]);
      position = end;
    }
    return spans;
  }

  function readNumber(text, language, tables) {
    const p = prepared(tables);
    const spelt = spellNumbers(text, language, tables);
    const folded = closeSpacedSign(strip(casefold(normalized(spelt, "NFKC", p), tables), p), p);
    let readings = [];
    let words = [];
    let position = 0;
    for (const [start, end, read] of numberSpans(folded, language, tables)) {
      words = words.concat(folded.slice(position, start).match(p.letterRun) || []);
      readings = readings.concat(read);
      position = end;
    }
    const after = folded.slice(position).match(p.letterRun) || [];
    let scale = 1;
    if (after.length && entry(tables.scale_words, after[0], undefined) !== undefined) {
      scale = tables.scale_words[after.shift()];
    }
    words = words.concat(after);
    if (readings.length !== 1 || readings[0].value === null) return null;
    if (words.some((word) => p.numberWords.has(word))) return null;
    const value = readings[0].value;
    if (scale === 1) return value;
    return multiply(value, { sign: 1, digits: BigInt(scale), exp: 0 });
  }

  // ---- matching -----------------------------------------------------------------------

  function ownLetters(language, tables) {
    const own = entry(tables.own_letters, primary(language), "");
    return new Set(Array.from(tables.own_letters_everywhere + own));
  }

  function markFolds(mark, base, tables) {
    const code = mark.codePointAt(0);
    if (tables.optional_mark_ranges.some(([low, high]) => low <= code && code <= high)) return true;
    return base !== null && inRanges(base.codePointAt(0), tables.accented_script_ranges);
  }

  function foldLetters(text, language, tables, spellings) {
    const p = prepared(tables);
    const own = ownLetters(language, tables);
    const variants = entry(tables.letter_variants, primary(language), {});
    let composed = normalized(text, "NFC", p);
    if (primary(language) === "tr") {
      composed = chars(composed).map((c) => entry(tables.turkish_case, c, c)).join("");
    }
    composed = normalized(casefold(composed, tables), "NFC", p);
    let out = "";
    let base = null;
    for (const written of composed) {
      if (isFormat(written, p)) continue;
      const c = entry(variants, written, written);
      if (entry(tables.sign_spellings, c, undefined) !== undefined) {
        out += tables.sign_spellings[c];
        base = null;
      } else if (own.has(c)) {
        out += c;
        base = c;
      } else if (spellings && entry(spellings, c, undefined) !== undefined) {
        out += spellings[c];
        base = c;
      } else if (isSpace(c, p)) {
        out += " ";
        base = null;
      } else if (p.apostrophes.has(c)) {
        out += "'";
        base = null;
      } else {
        for (const part of normalized(c, "NFKD", p)) {
          if (isMark(part, p)) {
            if (!markFolds(part, base, tables)) out += part;
            continue;
          }
          base = part;
          const plain = p.dashes.has(part) ? "-" : part;
          out += entry(tables.letter_folds, plain, plain);
        }
      }
    }
    return normalized(out, "NFC", p);
  }

  function isWordChar(c, p) {
    return isAlnum(c, p) || p.wordMarks.has(c) || (/^[\p{Sm}\p{M}]$/u.test(c) && p.known(c));
  }

  function keepWordMinus(text, tables) {
    const p = prepared(tables);
    const list = chars(text);
    for (let i = 0; i < list.length; i++) {
      if (list[i] !== "-" || i === 0 || !isWordChar(list[i - 1], p)) continue;
      const following = i + 1 < list.length ? list[i + 1] : "";
      if (!following || !(isWordChar(following, p) || "-_".includes(following))) {
        list[i] = tables.word_minus;
      }
    }
    return list.join("");
  }

  function words(text, tables) {
    const p = prepared(tables);
    const found = [];
    let current = "";
    for (const c of text) {
      if (isWordChar(c, p)) current += c;
      else if (current) {
        found.push(current);
        current = "";
      }
    }
    if (current) found.push(current);
    const mark = tables.thai_abbreviation;
    return found.map((word) =>
      chars(word).length > 1 && word.endsWith(mark) ? chars(word).slice(0, -1).join("") : word
    );
  }

  function numberToken(r, tables) {
    if (r.value === null || r.leadingZero || r.fraction) return tables.written_tag + r.asWritten;
    return tables.number_tag + plainText(r.value);
  }

  function tokens(text, language, tables, spellings) {
    const p = prepared(tables);
    const spelt = spellNumbers(text, language, tables);
    let folded = foldLetters(spelt, language, tables, spellings);
    folded = keepWordMinus(closeSpacedSign(folded.replace(p.powerAfterLetter, ""), p), tables);
    let found = [];
    let position = 0;
    for (const [start, end, readings] of numberSpans(folded, language, tables)) {
      found = found.concat(words(folded.slice(position, start), tables));
      found = found.concat(readings.map((r) => numberToken(r, tables)));
      position = end;
    }
    found = found.concat(words(folded.slice(position), tables));
    const own = entry(tables.articles, primary(language), []);
    const articles = new Set([...(tables.articles.en || []), ...own]);
    if (found.length > 1 && articles.has(found[0])) found = found.slice(1);
    return found;
  }

  function isPlainWord(word, tables) {
    const p = prepared(tables);
    const list = chars(word);
    return (
      list.length > 0 &&
      list.every((c) => isAlpha(c, p)) &&
      !p.numberWords.has(word) &&
      !list.some((c) => inRanges(c.codePointAt(0), tables.syllabic_script_ranges))
    );
  }

  function glued(found, tables) {
    const p = prepared(tables);
    const tags = new Set([tables.number_tag, tables.written_tag]);
    const written = found.map((word) => {
      const list = chars(word);
      let i = 0;
      while (i < list.length && tags.has(list[i])) i++;
      return list.slice(i).join("");
    });
    if (written.some((word) => p.numberWords.has(word))) return null;
    for (let i = 0; i + 1 < written.length; i++) {
      const before = chars(written[i]).pop();
      const after = chars(written[i + 1])[0];
      const both = before !== undefined && after !== undefined;
      if (both && isDigit(before, p) && isDigit(after, p)) return null;
    }
    return written.join("");
  }

  function oneSlipApart(a, b) {
    if (a === b) return true;
    const x = chars(a);
    const y = chars(b);
    if (Math.abs(x.length - y.length) > 1) return false;
    if (x.length === y.length) {
      const diffs = [];
      x.forEach((c, i) => {
        if (c !== y[i]) diffs.push(i);
      });
      if (diffs.length === 1) return true;
      const [i, j] = diffs;
      return diffs.length === 2 && j === i + 1 && x[i] === y[j] && x[j] === y[i];
    }
    const [shorter, longer] = x.length < y.length ? [x, y] : [y, x];
    const target = shorter.join("");
    const without = (i) => longer.slice(0, i).concat(longer.slice(i + 1)).join("");
    return longer.some((_, i) => without(i) === target);
  }

  const sameWords = (a, b) => a.length === b.length && a.every((word, i) => word === b[i]);

  function wordsMatch(given, expected, tables) {
    if (sameWords(given, expected)) return true;
    const g = glued(given, tables);
    if (g !== null && g === glued(expected, tables)) return true;
    if (given.length !== expected.length) return false;
    let slips = 0;
    for (let i = 0; i < given.length; i++) {
      const a = given[i];
      const e = expected[i];
      if (a === e) continue;
      const long = chars(e).length >= tables.long_word;
      const allowed = isPlainWord(a, tables) && isPlainWord(e, tables) && long;
      if (!allowed || !oneSlipApart(a, e)) return false;
      slips += 1;
    }
    return slips <= 1;
  }

  function asWritten(text, tables) {
    const p = prepared(tables);
    const folded = casefold(normalized(text, "NFKC", p), tables);
    const list = chars(folded);
    const visible = list.some((c) => !isFormat(c, p) && !isSpace(c, p));
    const plain = list
      .filter((c) => !visible || !isFormat(c, p))
      .map((c) => entry(tables.sign_spellings, c, c))
      .join("");
    const dashed = chars(plain)
      .map((c) => (p.dashes.has(c) ? "-" : c))
      .join("");
    return dashed.replace(p.spaceRun, "");
  }

  function answersMatch(given, expected, language, tables) {
    const givenWords = tokens(given, language, tables);
    const expectedWords = tokens(expected, language, tables);
    if (!expectedWords.length) {
      const written = asWritten(given, tables);
      return !!written && written === asWritten(expected, tables);
    }
    if (!givenWords.length) return false;
    if (wordsMatch(givenWords, expectedWords, tables)) return true;
    const spellings = entry(tables.umlaut_spellings, primary(language), undefined);
    if (spellings === undefined) return false;
    return wordsMatch(givenWords, tokens(expected, language, tables, spellings), tables);
  }

  function matchesAny(given, accepted, language, tables) {
    return accepted.some((answer) => answersMatch(given, answer, language, tables));
  }

  // ---- answers.is_right ---------------------------------------------------------------

  function parseTrueFalse(response, tables) {
    if (typeof response === "boolean") return response;
    const word = casefold(strip(response, prepared(tables)), tables);
    if (tables.truefalse_words.true.includes(word)) return true;
    if (tables.truefalse_words.false.includes(word)) return false;
    return null;
  }

  function read(text, language, tables) {
    return text === null || text === undefined ? null : readNumber(text, language, tables);
  }

  function bounds(question, language, tables) {
    const answer = read(question.answer, language, tables);
    const low = read(question.min, language, tables);
    const high = read(question.max, language, tables);
    if (answer === null) return null;
    if (low !== null || high !== null) {
      return [low !== null ? low : -Infinity, high !== null ? high : Infinity];
    }
    let tolerance;
    const written = question.tolerance;
    const percent = written == null ? null : written.match(prepared(tables).percent);
    if (percent) {
      const part = readNumber(percent[1], language, tables) || { sign: 1, digits: ZERO, exp: 0 };
      const product = multiply(absolute(answer), part);
      tolerance = { sign: product.sign, digits: product.digits, exp: product.exp - 2 };
    } else {
      tolerance = read(question.tolerance, language, tables) || { sign: 1, digits: ZERO, exp: 0 };
    }
    const width = absolute(tolerance);
    return [add(answer, { sign: -1, digits: width.digits, exp: width.exp }), add(answer, width)];
  }

  function numberIsRight(question, response, language, tables) {
    const value = readNumber(response, language, tables);
    if (value === null) return false;
    const range = bounds(question, language, tables);
    if (range === null) return false;
    if (compare(range[0], value) <= 0 && compare(value, range[1]) <= 0) return true;
    return (question.accept || []).some((text) => {
      const other = readNumber(text, language, tables);
      return other !== null && compare(other, value) === 0;
    });
  }

  function isRight(question, response, language, tables) {
    if (question.type === "truefalse") return parseTrueFalse(response, tables) === question.answer;
    if (typeof response === "boolean") return false;
    if (question.type === "choice") {
      const right = typeof question.answer === "string" ? [question.answer] : question.answer;
      return right.includes(response);
    }
    if (question.type === "number") return numberIsRight(question, response, language, tables);
    return matchesAny(response, [question.answer, ...(question.accept || [])], language, tables);
  }

  function guessIsRight(guess, mystery, language, tables) {
    return matchesAny(guess, [mystery.answer, ...(mystery.accept || [])], language, tables);
  }

  globalThis.ClarityMatching = {
    answersMatch,
    isRight,
    guessIsRight,
    // For the tests' comparisons with Python: the words as compared, a number as read.
    tokens: (text, language, tables) => tokens(text, language, tables),
    readNumber: (text, language, tables) => {
      const value = readNumber(text, language, tables);
      return value === null ? null : plainText(value);
    },
  };
})();
