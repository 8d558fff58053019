/* statemachine.c -- byte-driven state machines, each a `switch` over its
 * current state inside a loop over the input bytes: a UTF-8 validator and
 * decoder (rejecting overlong forms, surrogates and code points above
 * U+10FFFF) and a tokenizer for a C-like language (identifiers, decimal and
 * hex numbers, string literals with escapes, line and block comments,
 * one- and two-character operators). Both run over a LEN-byte generated
 * "source text" with multi-byte UTF-8 and a few invalid bytes in it, REPS
 * times (the text is perturbed between repetitions). Branchy code with
 * short blocks: a jump table or compare chain per byte, and the next state
 * depends on the data.
 *
 * usage: statemachine [REPS [LEN]]      (default 160 passes over 1 MiB)
 *
 * bench-args: 160
 * bench-quick-args: 16
 * bench-interp-args: 1 800000
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static unsigned long rng_state = 0x2545F4914F6CDD1DUL;

static unsigned rnd(unsigned n) {
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return (unsigned)((rng_state >> 11) % n);
}

/* ---- text generation ---- */

typedef struct {
    unsigned char *p;
    long len;
    long cap;
} Out;

static void put(Out *o, unsigned c) {
    if (o->len < o->cap) {
        o->p[o->len++] = (unsigned char)c;
    }
}

static void put_str(Out *o, const char *s) {
    while (*s != '\0') {
        put(o, (unsigned char)*s++);
    }
}

/* Encodes a code point as UTF-8 (the caller keeps it valid). */
static void put_utf8(Out *o, unsigned cp) {
    if (cp < 0x80) {
        put(o, cp);
    } else if (cp < 0x800) {
        put(o, 0xC0 | (cp >> 6));
        put(o, 0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        put(o, 0xE0 | (cp >> 12));
        put(o, 0x80 | ((cp >> 6) & 0x3F));
        put(o, 0x80 | (cp & 0x3F));
    } else {
        put(o, 0xF0 | (cp >> 18));
        put(o, 0x80 | ((cp >> 12) & 0x3F));
        put(o, 0x80 | ((cp >> 6) & 0x3F));
        put(o, 0x80 | (cp & 0x3F));
    }
}

static unsigned random_code_point(void) {
    switch (rnd(4)) {
    case 0: return 0xA0 + rnd(0x800 - 0xA0);              /* two bytes */
    case 1: return 0x800 + rnd(0xD800 - 0x800);           /* three bytes, below the surrogates */
    case 2: return 0xE000 + rnd(0x10000 - 0xE000);        /* three bytes, above them */
    default: return 0x10000 + rnd(0x110000 - 0x10000);   /* four bytes */
    }
}

static const char *const keywords[] = {"if", "else", "while", "for", "return", "int", "long", "static", "struct",
                                       "switch", "case", "break"};
static const char *const operators[] = {"+", "-", "*", "/", "=", "==", "!=", "<", "<=", ">", ">=", "&&", "||",
                                        "(", ")", "{", "}", "[", "]", ";", ",", "->", "++", "<<", ">>", "%"};

static void put_ident(Out *o) {
    static const char first[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_";
    static const char rest[] = "abcdefghijklmnopqrstuvwxyz_0123456789";
    unsigned n = 1 + rnd(10);
    put(o, (unsigned char)first[rnd(sizeof first - 1)]);
    for (unsigned i = 1; i < n; i++) {
        put(o, (unsigned char)rest[rnd(sizeof rest - 1)]);
    }
}

static void generate(Out *o) {
    while (o->len < o->cap) {
        unsigned k = rnd(100);
        if (k < 28) {
            put_ident(o);
        } else if (k < 36) {
            put_str(o, keywords[rnd(sizeof keywords / sizeof keywords[0])]);
        } else if (k < 44) {
            unsigned shift = rnd(60);
            unsigned long v = rng_state >> shift;
            int hex = rnd(4) == 0;
            char tmp[32];
            snprintf(tmp, sizeof tmp, hex ? "0x%lx" : "%lu", v);
            put_str(o, tmp);
        } else if (k < 64) {
            put_str(o, operators[rnd(sizeof operators / sizeof operators[0])]);
        } else if (k < 80) {
            static const char ws[] = "     \n\t";
            unsigned n = 1 + rnd(3);
            for (unsigned i = 0; i < n; i++) {
                put(o, (unsigned char)ws[rnd(sizeof ws - 1)]);
            }
        } else if (k < 88) {
            /* a string literal with escapes and non-ASCII text */
            put(o, '"');
            unsigned n = rnd(24);
            for (unsigned i = 0; i < n; i++) {
                unsigned c = rnd(16);
                if (c == 0) {
                    put(o, '\\');
                    put(o, (unsigned char)"nt\"\\0"[rnd(5)]);
                } else if (c < 4) {
                    put_utf8(o, random_code_point());
                } else {
                    put(o, 'a' + rnd(26));
                }
            }
            put(o, '"');
        } else if (k < 92) {
            put_str(o, "// ");
            unsigned n = rnd(40);
            for (unsigned i = 0; i < n; i++) {
                put_utf8(o, rnd(5) == 0 ? random_code_point() : 'a' + rnd(26));
            }
            put(o, '\n');
        } else if (k < 95) {
            put_str(o, "/* ");
            unsigned n = rnd(60);
            for (unsigned i = 0; i < n; i++) {
                unsigned c = rnd(12);
                put_utf8(o, c == 0 ? random_code_point() : c == 1 ? '*' : c == 2 ? '\n' : 'a' + rnd(26));
            }
            put_str(o, " */");
        } else if (k < 99) {
            put_utf8(o, random_code_point());
        } else {
            /* invalid UTF-8: a lone continuation byte, an overlong lead, a truncated sequence, 0xFF,
             * a surrogate, or a code point above U+10FFFF */
            switch (rnd(6)) {
            case 0: put(o, 0x80 + rnd(64)); break;
            case 1: put(o, 0xC0 + rnd(2)); put(o, 0x80 + rnd(64)); break;
            case 2: put(o, 0xE0 + rnd(16)); break;
            case 3: put(o, 0xF8 + rnd(8)); break;
            case 4: put(o, 0xED); put(o, 0xA0 + rnd(32)); put(o, 0x80 + rnd(64)); break;
            default: put(o, 0xF4); put(o, 0x90 + rnd(48)); put(o, 0x80); put(o, 0x80); break;
            }
        }
    }
}

/* ---- UTF-8 validation and decoding ---- */

enum {
    U_START,    /* expecting a lead byte */
    U_TAIL1,    /* one continuation byte to go */
    U_TAIL2,    /* two to go */
    U_TAIL3,    /* three to go */
    U_E0,       /* after E0: A0..BF (no overlong three-byte forms) */
    U_ED,       /* after ED: 80..9F (no surrogates) */
    U_F0,       /* after F0: 90..BF (no overlong four-byte forms) */
    U_F4        /* after F4: 80..8F (nothing above U+10FFFF) */
};

typedef struct {
    long code_points;
    long errors;
    long multibyte;
    unsigned long hash;
} Utf8Stats;

static void utf8_scan(const unsigned char *p, long len, Utf8Stats *st) {
    int state = U_START;
    unsigned cp = 0;
    long i = 0;
    while (i < len) {
        unsigned c = p[i];
        switch (state) {
        case U_START:
            i++;
            if (c < 0x80) {
                cp = c;
                goto emit;
            } else if (c < 0xC2) {
                goto error;          /* continuation byte, or overlong C0/C1 */
            } else if (c < 0xE0) {
                cp = c & 0x1F;
                state = U_TAIL1;
            } else if (c == 0xE0) {
                cp = 0;
                state = U_E0;
            } else if (c == 0xED) {
                cp = 0xD;
                state = U_ED;
            } else if (c < 0xF0) {
                cp = c & 0x0F;
                state = U_TAIL2;
            } else if (c == 0xF0) {
                cp = 0;
                state = U_F0;
            } else if (c < 0xF4) {
                cp = c & 0x07;
                state = U_TAIL3;
            } else if (c == 0xF4) {
                cp = 4;
                state = U_F4;
            } else {
                goto error;
            }
            break;
        case U_E0:
            if (c < 0xA0 || c > 0xBF) {
                goto error;          /* not consumed: it starts the next character */
            }
            i++;
            cp = (cp << 6) | (c & 0x3F);
            state = U_TAIL1;
            break;
        case U_ED:
            if (c < 0x80 || c > 0x9F) {
                goto error;
            }
            i++;
            cp = (cp << 6) | (c & 0x3F);
            state = U_TAIL1;
            break;
        case U_F0:
            if (c < 0x90 || c > 0xBF) {
                goto error;
            }
            i++;
            cp = (cp << 6) | (c & 0x3F);
            state = U_TAIL2;
            break;
        case U_F4:
            if (c < 0x80 || c > 0x8F) {
                goto error;
            }
            i++;
            cp = (cp << 6) | (c & 0x3F);
            state = U_TAIL2;
            break;
        case U_TAIL3:
        case U_TAIL2:
        case U_TAIL1:
            if ((c & 0xC0) != 0x80) {
                goto error;
            }
            i++;
            cp = (cp << 6) | (c & 0x3F);
            if (state == U_TAIL1) {
                st->multibyte++;
                goto emit;
            }
            state = state == U_TAIL3 ? U_TAIL2 : U_TAIL1;
            break;
        }
        continue;
    emit:
        st->code_points++;
        st->hash = (st->hash ^ cp) * 0x100000001B3UL;
        state = U_START;
        continue;
    error:
        st->errors++;
        st->hash = st->hash * 31 + (unsigned long)i;
        state = U_START;
    }
    if (state != U_START) {
        st->errors++;                /* truncated at the end */
    }
}

/* ---- tokenizer ---- */

enum {
    T_START, T_IDENT, T_ZERO, T_DEC, T_HEX, T_STRING, T_ESCAPE, T_SLASH, T_LINE_COMMENT, T_BLOCK_COMMENT,
    T_BLOCK_STAR, T_OP
};

enum { K_IDENT, K_NUMBER, K_STRING, K_COMMENT, K_OP, K_OTHER, K_COUNT };

typedef struct {
    long count[K_COUNT];
    long lines;
    unsigned long hash;
} TokStats;

static int is_ident_start(unsigned c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
}

static int is_digit(unsigned c) {
    return c >= '0' && c <= '9';
}

static int is_operator(unsigned c) {
    switch (c) {
    case '+': case '-': case '*': case '=': case '!': case '<': case '>': case '&': case '|': case '%':
    case '(': case ')': case '{': case '}': case '[': case ']': case ';': case ',':
        return 1;
    default:
        return 0;
    }
}

static void token(TokStats *st, int kind, long start, long end, unsigned long value) {
    st->count[kind]++;
    st->hash = (st->hash + (unsigned long)kind * 0x9E3779B97F4A7C15UL + (unsigned long)(end - start)) * 0x5851F42D4C957F2DUL
               ^ value;
}

static void tokenize(const unsigned char *p, long len, TokStats *st) {
    int state = T_START;
    long start = 0;
    unsigned long value = 0;
    unsigned prev_op = 0;
    for (long i = 0; i <= len; i++) {
        unsigned c = i < len ? p[i] : 0;   /* a 0 at the end flushes the last token */
        if (c == '\n') {
            st->lines++;
        }
    again:
        switch (state) {
        case T_START:
            start = i;
            value = 0;
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                break;
            } else if (is_ident_start(c)) {
                value = c;
                state = T_IDENT;
            } else if (c == '0') {
                state = T_ZERO;
            } else if (is_digit(c)) {
                value = c - '0';
                state = T_DEC;
            } else if (c == '"') {
                state = T_STRING;
            } else if (c == '/') {
                state = T_SLASH;
            } else if (c == 0 && i == len) {
                break;
            } else if (is_operator(c)) {
                prev_op = c;
                state = T_OP;
            } else {
                token(st, K_OTHER, i, i + 1, c);
            }
            break;
        case T_IDENT:
            if (is_ident_start(c) || is_digit(c)) {
                value = value * 131 + c;
            } else {
                token(st, K_IDENT, start, i, value);
                state = T_START;
                goto again;
            }
            break;
        case T_ZERO:
            if (c == 'x' || c == 'X') {
                state = T_HEX;
            } else if (is_digit(c)) {
                value = c - '0';
                state = T_DEC;
            } else {
                token(st, K_NUMBER, start, i, 0);
                state = T_START;
                goto again;
            }
            break;
        case T_DEC:
            if (is_digit(c)) {
                value = value * 10 + (c - '0');
            } else {
                token(st, K_NUMBER, start, i, value);
                state = T_START;
                goto again;
            }
            break;
        case T_HEX:
            if (is_digit(c)) {
                value = value * 16 + (c - '0');
            } else if (c >= 'a' && c <= 'f') {
                value = value * 16 + (c - 'a' + 10);
            } else if (c >= 'A' && c <= 'F') {
                value = value * 16 + (c - 'A' + 10);
            } else {
                token(st, K_NUMBER, start, i, value);
                state = T_START;
                goto again;
            }
            break;
        case T_STRING:
            if (c == '"') {
                token(st, K_STRING, start, i + 1, value);
                state = T_START;
            } else if (c == '\\') {
                state = T_ESCAPE;
            } else if (c == '\n' || i == len) {
                token(st, K_OTHER, start, i, value);   /* unterminated */
                state = T_START;
                goto again;
            } else {
                value = value * 33 + c;
            }
            break;
        case T_ESCAPE:
            value = value * 37 + (c == 'n' ? 10 : c == 't' ? 9 : c == '0' ? 0 : c);
            state = i == len ? T_START : T_STRING;
            break;
        case T_SLASH:
            if (c == '/') {
                state = T_LINE_COMMENT;
            } else if (c == '*') {
                state = T_BLOCK_COMMENT;
            } else {
                token(st, K_OP, start, i, '/');
                state = T_START;
                goto again;
            }
            break;
        case T_LINE_COMMENT:
            if (c == '\n' || i == len) {
                token(st, K_COMMENT, start, i, value);
                state = T_START;
            } else {
                value++;
            }
            break;
        case T_BLOCK_COMMENT:
            if (c == '*') {
                state = T_BLOCK_STAR;
            } else if (i == len) {
                token(st, K_OTHER, start, i, value);
                state = T_START;
            } else {
                value += c >= 0x80;
            }
            break;
        case T_BLOCK_STAR:
            if (c == '/') {
                token(st, K_COMMENT, start, i + 1, value);
                state = T_START;
            } else if (c != '*') {
                state = T_BLOCK_COMMENT;
                goto again;
            }
            break;
        case T_OP: {
            /* two-character operators: == != <= >= && || -> ++ -- << >> += -= */
            unsigned pair = prev_op << 8 | c;
            switch (pair) {
            case '=' << 8 | '=': case '!' << 8 | '=': case '<' << 8 | '=': case '>' << 8 | '=':
            case '&' << 8 | '&': case '|' << 8 | '|': case '-' << 8 | '>': case '+' << 8 | '+':
            case '-' << 8 | '-': case '<' << 8 | '<': case '>' << 8 | '>': case '+' << 8 | '=':
            case '-' << 8 | '=':
                token(st, K_OP, start, i + 1, pair);
                state = T_START;
                break;
            default:
                token(st, K_OP, start, i, prev_op);
                state = T_START;
                goto again;
            }
            break;
        }
        }
    }
}

int main(int argc, char **argv) {
    long reps = argc > 1 ? strtol(argv[1], NULL, 10) : 160;
    long len = argc > 2 ? strtol(argv[2], NULL, 10) : 1L << 20;
    if (reps < 1 || len < 1 || len > 1L << 30) {
        fprintf(stderr, "usage: statemachine [REPS [LEN]]\n");
        return 2;
    }
    Out o = {malloc((size_t)len), 0, len};
    if (o.p == NULL) {
        return 1;
    }
    generate(&o);
    Utf8Stats u = {0, 0, 0, 0};
    TokStats t;
    memset(&t, 0, sizeof t);
    for (long r = 0; r < reps; r++) {
        /* Perturb a few bytes so no pass repeats the last one exactly. */
        for (int k = 0; k < 4; k++) {
            long at = (long)rnd((unsigned)len);
            o.p[at] = (unsigned char)" a0/*\"\n\xC3\xA9\x80"[rnd(10)];
        }
        utf8_scan(o.p, len, &u);
        tokenize(o.p, len, &t);
    }
    printf("statemachine %ld x %ld bytes\n", reps, len);
    printf("utf8: %ld code points, %ld multi-byte, %ld errors, hash %016lx\n", u.code_points, u.multibyte, u.errors,
           u.hash);
    printf("tokens: %ld identifiers, %ld numbers, %ld strings, %ld comments, %ld operators, %ld other, %ld lines, "
           "hash %016lx\n",
           t.count[K_IDENT], t.count[K_NUMBER], t.count[K_STRING], t.count[K_COMMENT], t.count[K_OP],
           t.count[K_OTHER], t.lines, t.hash);
    free(o.p);
    return 0;
}
