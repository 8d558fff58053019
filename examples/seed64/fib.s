# fib.s: calls, returns and memory. Prints
#
#     fib(25) = 75025
#     sum of fib(0..20) = 17710
#     ld:sb + ld:ub of 0xf0 = 224
#     ld:sh + ld:uh of 0x8001 = 2
#
# fib is recursive: call pushes the return address on the stack and ret pops it; fib keeps r8 and r9 for its
# caller by spilling them to the stack. fib(0..20) go into a table of 32-bit words (st:d) that is read back
# (ld:ud) and summed. Then a byte and a half-word are stored and loaded with sign and zero extension.
#
#     ./dbt run --isa isa/seed64/seed64.isa examples/seed64/fib.s

        .text
_start:
        mov:sd  $25, r1                 # fib(25)
        call    fib
        mov:q   r1, r8
        mov:sd  $fib_text, r2
        mov:sd  $fib_length, r3
        call    print
        mov:q   r8, r1
        call    print_decimal

        mov:sd  $0, r8                  # table[i] = fib(i), i = 0..20
        mov:sd  $table, r9
        mov:sd  $21, r10
fill:
        mov:q   r8, r1
        call    fib
        st:d    r1, 0(r9)
        add:sq  r9, $4, r9
        add:sq  r8, $1, r8
        br:l    r8, r10, fill
        mov:sd  $0, r11                 # the sum of the table
        mov:sd  $table, r9
        mov:sd  $table_end, r10
sum:
        ld:ud   0(r9), r1
        add:sq  r11, r1, r11
        add:sq  r9, $4, r9
        br:b    r9, r10, sum
        mov:sd  $sum_text, r2
        mov:sd  $sum_length, r3
        call    print
        mov:q   r11, r1
        call    print_decimal

        mov:sd  $scratch, r9            # a byte: -16 + 240
        mov:ud  $0xf0, r1
        st:b    r1, 0(r9)
        ld:sb   0(r9), r2
        ld:ub   0(r9), r3
        add:sq  r2, r3, r11
        mov:sd  $byte_text, r2
        mov:sd  $byte_length, r3
        call    print
        mov:q   r11, r1
        call    print_decimal
        mov:ud  $0x8001, r1             # a half-word: -32767 + 32769
        st:h    r1, 2(r9)
        ld:sh   2(r9), r2
        ld:uh   2(r9), r3
        add:sq  r2, r3, r11
        mov:sd  $half_text, r2
        mov:sd  $half_length, r3
        call    print
        mov:q   r11, r1
        call    print_decimal

        mov:sd  $0, r1                  # exit(0)
        mov:sd  $93, r7
        sys

# fib: r1 = n -> r1 = fib(n). Keeps r8 and r9; uses r2.
fib:
        mov:sd  $2, r2
        br:l    r1, r2, fib_done        # fib(0) = 0, fib(1) = 1
        sub:sq  sp, $16, sp
        st:q    r8, 0(sp)
        st:q    r9, 8(sp)
        mov:q   r1, r8
        sub:sq  r8, $1, r1
        call    fib
        mov:q   r1, r9                  # fib(n - 1)
        sub:sq  r8, $2, r1
        call    fib
        add:sq  r1, r9, r1              # + fib(n - 2)
        ld:q    0(sp), r8
        ld:q    8(sp), r9
        add:sq  sp, $16, sp
fib_done:
        ret

# print: writes r3 bytes at r2 to standard output. Uses r1 and r7.
print:
        mov:sd  $1, r1
        mov:sd  $64, r7
        sys
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
        sub:sq  r3, r2, r3
        call    print
        ret

        .data
fib_text:
        .ascii  "fib(25) = "
        .equ    fib_length, . - fib_text
sum_text:
        .ascii  "sum of fib(0..20) = "
        .equ    sum_length, . - sum_text
byte_text:
        .ascii  "ld:sb + ld:ub of 0xf0 = "
        .equ    byte_length, . - byte_text
half_text:
        .ascii  "ld:sh + ld:uh of 0x8001 = "
        .equ    half_length, . - half_text
        .align  8
table:  .space  21 * 4
table_end:
scratch:
        .quad   0
digits: .space  24
digits_end:
