/*
 * The text form of a brain-blitz model (.bil). See docs/il.md for the meaning of each node.
 *
 *   bil 1
 *   model tiny {
 *     input x : bipolar[5]
 *     dense fc1 : x -> 3 {
 *       0x00000015
 *       ...
 *     }
 *     threshold act1 : fc1 {
 *       ge 3
 *       ...
 *     }
 *     scores out : act1 -> 2 {
 *       0x00000005
 *       0x00000002
 *       bias 0 1
 *     }
 *   }
 *
 * Newlines separate rows, so they are tokens here; blank lines and comments are free.
 */
grammar Bil;

file
    : nl* header nl+ model nl* EOF
    ;

header
    : BIL version=INT
    ;

model
    : MODEL name=identifier LBRACE nl+ (node nl+)* RBRACE
    ;

node
    : input
    | dense
    | threshold
    | scores
    ;

input
    : INPUT name=identifier COLON kind=identifier LBRACK size=INT RBRACK
    ;

dense
    : DENSE name=identifier COLON source=identifier ARROW outputs=INT LBRACE nl+ (row nl+)* RBRACE
    ;

threshold
    : THRESHOLD name=identifier COLON source=identifier LBRACE nl+ (level nl+)* RBRACE
    ;

scores
    : SCORES name=identifier COLON source=identifier ARROW classes=INT LBRACE nl+ (row nl+)* (bias nl+)? RBRACE
    ;

// Keywords are names too where a name is expected, so any identifier the validator accepts prints
// and reads back (a node may be called 'bias' or 'input').
identifier
    : IDENT | BIL | MODEL | INPUT | DENSE | THRESHOLD | SCORES | BIAS
    ;

row
    : HEX+
    ;

level
    : direction=IDENT integer+
    ;

bias
    : BIAS integer+
    ;

integer
    : MINUS? INT
    ;

nl
    : NEWLINE
    ;

BIL       : 'bil' ;
MODEL     : 'model' ;
INPUT     : 'input' ;
DENSE     : 'dense' ;
THRESHOLD : 'threshold' ;
SCORES    : 'scores' ;
BIAS      : 'bias' ;

ARROW  : '->' ;
COLON  : ':' ;
LBRACE : '{' ;
RBRACE : '}' ;
LBRACK : '[' ;
RBRACK : ']' ;
MINUS  : '-' ;

// A hex word: 0x and hex digits. Longer than 8 digits is lexed here and rejected with BIL022.
HEX   : '0' [xX] [0-9a-fA-F]* ;
INT   : [0-9]+ ;
IDENT : [A-Za-z_] [A-Za-z0-9_]* ;

NEWLINE : '\r'? '\n' ;
COMMENT : ('#' | '//') ~[\r\n]* -> skip ;
WS      : [ \t]+ -> skip ;

// Anything else is one bad character, reported as BIL002 at its position.
BAD_CHAR : . ;
