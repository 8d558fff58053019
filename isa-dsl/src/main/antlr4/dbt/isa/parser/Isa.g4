/*
 * The ISA description language. No actions: labelled alternatives, read by IsaModelBuilder (a visitor).
 * A description is a list of declarations; `include` pulls in another file (one per extension).
 */
grammar Isa;

description : declaration* EOF ;

declaration
    : 'include' STRING ';'                                                    # Include
    | 'isa' ident '{' isaProperty* '}'                                           # IsaHeader
    | 'registers' ident '[' INT ']' ':' type registerOption* ';'                 # RegisterFile
    | 'pc' ident ':' type ';'                                                    # ProgramCounter
    | 'csr' ident '=' number csrOption* ';'                                      # Csr
    | 'abi' ident '{' abiEntry* '}'                                              # Abi
    | 'encoding' '{' lengthRule+ '}'                                          # Encoding
    | 'names' ident '=' '[' STRING (',' STRING)* ']' ';'                         # NameTable
    | 'field' ident '=' fieldValue (':' fieldKind)? ';'                          # Field
    | 'function' ident '(' params? ')' ':' type '=' expr ';'                     # ExprFunction
    | 'procedure' ident '(' params? ')' block                                    # Procedure
    | 'overlapping' '{' instruction+ '}'                                      # Overlapping
    | instruction                                                             # SingleInstruction
    ;

isaProperty
    : 'word' INT ';'                                                          # WordWidth
    | 'endian' ident ';'                                                         # Endianness
    ;

registerOption
    : 'zero' INT                                                              # HardwiredZero
    | 'names' ident (',' ident)*                                                    # RegisterNames
    ;

/* One entry of an 'abi' block, e.g. `arguments = X[10], X[11];`. Which entries exist, and how many registers each
   takes, is the checker's business, so that a mistake there is a diagnostic rather than a syntax error. */
abiEntry : ident '=' abiRegister (',' abiRegister)* ';' ;
abiRegister : ident '[' INT ']' ;

/* `: fcsr[4:0]` makes the CSR a view of bits of another; `float flags` / `float rounding` give it its role for the
   floating-point built-ins (where they accrue exception flags; where the dynamic rounding mode is kept). */
csrOption
    : ':' INT                                                                 # CsrWidth
    | ':' ident slice                                                         # CsrView
    | 'readonly'                                                              # CsrReadOnly
    | 'counter' ident                                                            # CsrCounter
    | 'float' role=('flags' | 'rounding')                                     # CsrFloatRole
    ;

lengthRule
    : 'length' INT 'when' slice ('=='|'!=') number ';'                        # ConditionalLength
    | 'length' INT 'otherwise' ';'                                            # DefaultLength
    ;

fieldValue
    : ext=('sext'|'zext') '(' fieldBits ')'                                   # ExtendedField
    | fieldBits ('+' INT)?                                                    # PlainField
    ;

fieldBits : (slice | '{' fieldPart+ '}') ('<<' INT)? ;
fieldPart : slice | number ;
slice : '[' INT (':' INT)? ']' ;

fieldKind
    : 'csr'                                                                   # CsrKind
    | 'flags' STRING                                                          # FlagsKind
    | ident                                                                      # NamedKind
    ;

instruction
    : 'insn' ident STRING ('when' expr)? 'asm' STRING flowClause? block?
    ;

flowClause : 'flow' flowCase (',' flowCase)* ;
flowCase : ident ('when' expr)? ;

params : param (',' param)* ;
param : ident ':' type ;
type
    : 'bits' '(' (INT | ident) ')'                                               # BitsType
    | 'bool'                                                                  # BoolType
    ;

block : '{' statement* '}' ;

statement
    : 'let' ident (':' type)? '=' expr ';'                                       # LetStatement
    | target=expr '=' value=expr ';'                                          # AssignStatement
    | 'if' '(' expr ')' block ('else' (block | elseIf=statement))?            # IfStatement
    | 'atomic' block                                                          # AtomicStatement
    | ident '(' args? ')' ';'                                                    # CallStatement
    ;

args : expr (',' expr)* ;

expr
    : primary                                                                 # PrimaryExpr
    | expr '[' hi=expr (':' lo=expr)? ']'                                     # IndexExpr
    | op=('-'|'~'|'!') expr                                                   # UnaryExpr
    | expr op=('*'|'/_s'|'/_u'|'%_s'|'%_u') expr                              # MulExpr
    | expr op=('+'|'-') expr                                                  # AddExpr
    | expr op=('<<'|'>>'|'>>_s') expr                                         # ShiftExpr
    | expr '++' expr                                                          # ConcatExpr
    | expr '&' expr                                                           # AndExpr
    | expr '^' expr                                                           # XorExpr
    | expr '|' expr                                                           # OrExpr
    | expr op=('<_s'|'<_u'|'<=_s'|'<=_u'|'>_s'|'>_u'|'>=_s'|'>=_u') expr      # RelationalExpr
    | expr op=('=='|'!=') expr                                                # EqualityExpr
    | expr '&&' expr                                                          # LogicalAndExpr
    | expr '||' expr                                                          # LogicalOrExpr
    | <assoc=right> expr '?' expr ':' expr                                    # ConditionalExpr
    ;

primary
    : number                                                                  # NumberLiteral
    | 'true'                                                                  # TrueLiteral
    | 'false'                                                                 # FalseLiteral
    | ident '(' args? ')'                                                        # CallExpr
    | ident                                                                      # NameExpr
    | '(' expr ')'                                                            # ParenExpr
    ;

number : INT | HEX | BIN ;

/* Words that are keywords only where the grammar expects them; elsewhere they are ordinary names. */
ident : ID | 'zero' | 'names' | 'csr' | 'counter' | 'flags' | 'word' | 'endian' | 'readonly' | 'length'
      | 'otherwise' | 'pc' | 'bits' | 'bool' | 'sext' | 'zext' | 'abi' | 'float' | 'rounding' ;

ID : [a-zA-Z_] [a-zA-Z0-9_.]* ;
INT : [0-9]+ ;
HEX : '0x' [0-9a-fA-F_]+ ;
BIN : '0b' [01_]+ ;
STRING : '"' (~["\\\r\n] | '\\' .)* '"' ;
LINE_COMMENT : '//' ~[\r\n]* -> skip ;
BLOCK_COMMENT : '/*' .*? '*/' -> skip ;
WS : [ \t\r\n]+ -> skip ;
