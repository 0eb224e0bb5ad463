package cn.tongyou.indicator.domain.quality;

import cn.tongyou.common.i18n.Explained;
import cn.tongyou.common.i18n.Message;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * One side of a validation rule, in the spirit of DHIS2's validation rule expressions: a sum of terms over indicator
 * values of one region and period. A term is a number, a reference or a reference multiplied by a number:
 * {@code #{code}} (the value), {@code #{code.numerator}}, {@code #{code.denominator}}. Terms are joined by {@code +} and
 * {@code -} (also {@code −}); {@code *} (also {@code ×}) multiplies by a number only — a product of two values is no
 * linear check and is refused, so that every rule stays a comparison of sums a person can recompute on paper.
 */
public final class Expression {

    /** The longest expression text: a rule over a few dozen values fits comfortably. */
    public static final int MAX_LENGTH = 1000;

    public enum Part {
        VALUE("value"), NUMERATOR("numerator"), DENOMINATOR("denominator");

        private final String code;

        Part(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    /** A value the expression reads: an indicator and which part of its observation. */
    public record Ref(String indicator, Part part) {
    }

    /** coefficient × ref, or the constant coefficient when ref is null. */
    private record Term(BigDecimal coefficient, Ref ref) {
    }

    /** The text cannot be read; {@link #position()} is the 1-based character where reading stopped. */
    public static final class InvalidException extends RuntimeException implements Explained {
        private final transient Message explanation;
        private final int position;

        InvalidException(int position, String key, Object... args) {
            super(Message.of("indicator.quality.expression.at", position, Message.of(key, args)).english());
            this.explanation = Message.of("indicator.quality.expression.at", position, Message.of(key, args));
            this.position = position;
        }

        public int position() {
            return position;
        }

        @Override
        public Message explanation() {
            return explanation;
        }
    }

    private final String text;
    private final List<Term> terms;

    private Expression(String text, List<Term> terms) {
        this.text = text;
        this.terms = terms;
    }

    /** @throws InvalidException naming the position of the first character that does not fit */
    public static Expression parse(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidException(1, "indicator.quality.expression.empty");
        }
        if (text.length() > MAX_LENGTH) {
            throw new InvalidException(MAX_LENGTH + 1, "indicator.quality.expression.too-long", MAX_LENGTH);
        }
        return new Parser(text).expression();
    }

    public String text() {
        return text;
    }

    /** Every value the expression reads, in order of appearance. */
    public Set<Ref> references() {
        Set<Ref> refs = new LinkedHashSet<>();
        terms.stream().filter(t -> t.ref() != null).forEach(t -> refs.add(t.ref()));
        return Collections.unmodifiableSet(refs);
    }

    /** A constant (no reference): one side of a bound. */
    public boolean isConstant() {
        return terms.stream().allMatch(t -> t.ref() == null);
    }

    /** Exactly {@code #{code}} (or one part of it), nothing added or multiplied: the other side of a bound. */
    public boolean isSingleReference() {
        return terms.size() == 1 && terms.get(0).ref() != null && terms.get(0).coefficient().compareTo(BigDecimal.ONE) == 0;
    }

    /**
     * The sum, reading each reference through {@code values}; a missing value (null) counts as zero. Whether a rule
     * with missing values is evaluated at all is its missing-value strategy's decision, taken before.
     */
    public BigDecimal evaluate(Function<Ref, BigDecimal> values) {
        BigDecimal sum = BigDecimal.ZERO;
        for (Term t : terms) {
            BigDecimal factor = t.ref() == null ? BigDecimal.ONE : values.apply(t.ref());
            sum = sum.add(t.coefficient().multiply(factor == null ? BigDecimal.ZERO : factor));
        }
        return sum;
    }

    @Override
    public String toString() {
        return text;
    }

    private static final class Parser {
        private final String s;
        private int i;

        Parser(String s) {
            this.s = s;
        }

        Expression expression() {
            List<Term> terms = new ArrayList<>();
            skip();
            int sign = 1;
            if (at('-') || at('−') || at('+')) {
                sign = at('+') ? 1 : -1;
                i++;
            }
            terms.add(term(sign));
            skip();
            while (i < s.length()) {
                if (at('+') || at('-') || at('−')) {
                    sign = at('+') ? 1 : -1;
                    i++;
                    terms.add(term(sign));
                    skip();
                } else {
                    throw new InvalidException(i + 1, "indicator.quality.expression.unexpected", s.charAt(i));
                }
            }
            return new Expression(s.strip(), List.copyOf(terms));
        }

        /** factor (* factor)*, with at most one reference among the factors. */
        private Term term(int sign) {
            BigDecimal coefficient = BigDecimal.valueOf(sign);
            Ref ref = null;
            while (true) {
                skip();
                int start = i;
                if (i >= s.length()) {
                    throw new InvalidException(i + 1, "indicator.quality.expression.operand-expected");
                }
                if (s.startsWith("#{", i)) {
                    Ref r = reference();
                    if (ref != null) {
                        throw new InvalidException(start + 1, "indicator.quality.expression.product-of-values");
                    }
                    ref = r;
                } else if (Character.isDigit(s.charAt(i))) {
                    coefficient = coefficient.multiply(number());
                } else {
                    throw new InvalidException(i + 1, "indicator.quality.expression.operand-expected");
                }
                skip();
                if (at('*') || at('×')) {
                    i++;
                } else {
                    return new Term(coefficient, ref);
                }
            }
        }

        private Ref reference() {
            int start = i;
            i += 2;
            int close = s.indexOf('}', i);
            if (close < 0) {
                throw new InvalidException(start + 1, "indicator.quality.expression.unclosed");
            }
            String inside = s.substring(i, close).strip();
            Part part = Part.VALUE;
            int dot = inside.indexOf('.');
            String code = inside;
            if (dot >= 0) {
                code = inside.substring(0, dot);
                String p = inside.substring(dot + 1);
                part = switch (p) {
                    case "numerator" -> Part.NUMERATOR;
                    case "denominator" -> Part.DENOMINATOR;
                    default -> throw new InvalidException(i + dot + 2, "indicator.quality.expression.part", p);
                };
            }
            if (!code.matches("[a-z0-9][a-z0-9-]{1,62}")) {
                throw new InvalidException(i + 1, "indicator.quality.expression.code", code);
            }
            i = close + 1;
            return new Ref(code, part);
        }

        private BigDecimal number() {
            int start = i;
            while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
                i++;
            }
            String n = s.substring(start, i);
            if (!n.matches("[0-9]{1,15}(\\.[0-9]{1,9})?")) {
                throw new InvalidException(start + 1, "indicator.quality.expression.number", n);
            }
            return new BigDecimal(n);
        }

        private boolean at(char c) {
            return i < s.length() && s.charAt(i) == c;
        }

        private void skip() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }
    }
}
