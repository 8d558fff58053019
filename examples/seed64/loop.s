# loop.s: the hot loop of seed 000, written exactly as the seed writes it:
#
#     a = 0; for (i = 0; i < test_limit; i++) a += i;
#
# test_limit is LIMIT, or the decimal number given as the first argument; the program prints a in decimal and
# exits with status 0. With LIMIT = 1000000000 it prints 499999999500000000 (the seed's 200000 * 200000 would
# print 6790004810489280512, after forty times as long).
#
#     ./dbt run --isa isa/seed64/seed64.isa examples/seed64/loop.s [LIMIT]

        .equ    LIMIT, 1000000000

        .reg    a, r8                   # the seed's names for its registers
        .reg    i, r9
        .reg    test_limit, r10

        .text
_start:
        mov:sd  $LIMIT, test_limit
        ld:q    0(sp), r1               # argc
        mov:sd  $2, r2
        br:l    r1, r2, run             # no argument: LIMIT
        ld:q    16(sp), r1              # argv[1]
        call    parse_decimal
        mov:q   r1, test_limit
run:
        mov:sd  $0, a
        mov:sd  $0, i
loop_start:
        br:le   test_limit, i, exit
        add:sq  a, i, a
        add:sq  i, $1, i
        br:j    loop_start
exit:
        mov:q   a, r1
        call    print_decimal
        mov:sd  $0, r1
        mov:sd  $93, r7                 # exit(0)
        sys

# parse_decimal: r1 = address of a NUL-terminated string of decimal digits -> r1 = its value. Uses r2..r5.
parse_decimal:
        mov:q   r1, r2
        mov:sd  $0, r1
        mov:sd  $10, r4
        mov:sd  $0, r5
next_digit:
        ld:ub   0(r2), r3
        br:e    r3, r5, parsed          # the NUL
        sub:sq  r3, $48, r3             # '0'
        mul:sq  r1, r4, r1
        add:sq  r1, r3, r1
        add:sq  r2, $1, r2
        br:j    next_digit
parsed:
        ret

# print_decimal: writes r1 (unsigned) in decimal and a newline to standard output. Uses r1..r7.
print_decimal:
        mov:sd  $digits_end, r2         # the digits are made backwards, from the end of the buffer
        mov:sd  $10, r4
        mov:sd  $0, r5
        sub:sq  r2, $1, r2
        st:b    r4, 0(r2)               # '\n' (10)
next_place:
        rem:uq  r1, r4, r3
        add:sq  r3, $48, r3
        sub:sq  r2, $1, r2
        st:b    r3, 0(r2)
        div:uq  r1, r4, r1
        br:ne   r1, r5, next_place
        mov:sd  $digits_end, r3
        sub:sq  r3, r2, r3              # length
        mov:sd  $1, r1                  # write(1, r2, r3)
        mov:sd  $64, r7
        sys
        ret

        .data
digits: .space  24
digits_end:
