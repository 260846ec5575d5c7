/* Scoring of the web game: a port of clarity.core.scoring's answer_points and
 * image_guess_points, with every figure from the page's ScoringRules data (the fields of
 * ScoringRules and no_limit_bonus_share, as clarity.formats.web.matching_tables.
 * scoring_rules_data gives them). Python's round() rounds a half to the even neighbour
 * (banker's rounding) where Math.round rounds it up: roundHalfEven does as Python does.
 * The shared case tables in tests/shared_cases/ run against both. Plain script, ES2020.
 */
(function () {
  "use strict";

  // Python's round(x) for a float: the nearest whole number, a half to the even one.
  function roundHalfEven(x) {
    const floor = Math.floor(x);
    const rest = x - floor; // exact for doubles of this size
    if (rest < 0.5) return floor;
    if (rest > 0.5) return floor + 1;
    return floor % 2 === 0 ? floor : floor + 1;
  }

  const hasLimit = (timeLimit) => !!timeLimit && timeLimit > 0;

  function stretchedLimit(timeLimit, rules) {
    const scale = rules.time_scale;
    if (!rules.timer || !hasLimit(timeLimit) || scale === null || scale === undefined) return null;
    return timeLimit * rules.time_scale;
  }

  function timeBonus(seconds, timeLimit, rules) {
    if (!rules.timer || !hasLimit(timeLimit)) return 0;
    const limit = stretchedLimit(timeLimit, rules);
    const given = rules.no_limit_bonus_share;
    const noLimitShare = given === undefined ? 0.5 : given; // NO_LIMIT_BONUS_SHARE
    const share = limit === null ? noLimitShare : 1.0 - seconds / limit;
    return roundHalfEven(rules.base * Math.max(0.0, Math.min(1.0, share)));
  }

  function streakBonus(streak, rules) {
    if (!rules.streaks || streak <= 1) return 0;
    return Math.min(rules.streak_step * (streak - 1), rules.streak_cap);
  }

  function points(parts) {
    const p = { base: 0, time_bonus: 0, streak_bonus: 0, image_bonus: 0, penalty: 0, ...parts };
    p.total = p.base + p.time_bonus + p.streak_bonus + p.image_bonus - p.penalty;
    return p;
  }

  function answerPoints(a, rules) {
    if (!a.right) return points({});
    const limit = stretchedLimit(a.timeLimit, rules);
    if (limit !== null && a.seconds > limit) return points({});
    return points({
      base: rules.base,
      time_bonus: timeBonus(a.seconds, a.timeLimit, rules),
      streak_bonus: streakBonus(a.streak, rules),
    });
  }

  function imageGuessPoints(g, rules) {
    if (g.right) {
      const bonus = rules.image_base + rules.image_per_hidden_tile * g.hiddenTiles;
      return points({ image_bonus: bonus });
    }
    if (g.final) return points({});
    return points({ penalty: rules.wrong_guess_penalty });
  }

  globalThis.ClarityScoring = { answerPoints, imageGuessPoints, roundHalfEven };
})();
