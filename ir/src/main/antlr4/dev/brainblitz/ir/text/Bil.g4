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
 *     conv2d c1 : x -> 8 {             (instead of a dense: a convolution)
 *       image 28x28x1 kernel 3 stride 1 same 0
 *       0x000001a5
 *       ...
 *     }
 *     maxpool p1 : t1 kernel 2
 *     flatten f1 : p1
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
    | conv2d
    | maxpool
    | flatten
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

conv2d
    : CONV2D name=identifier COLON source=identifier ARROW outputs=INT LBRACE nl+ convShape nl+ (row nl+)* RBRACE
    ;

convShape
    : IMAGE image=SHAPE KERNEL kernel=INT STRIDE stride=INT padding
    ;

padding
    : kind=VALID
    | kind=SAME value=signed
    ;

maxpool
    : MAXPOOL name=identifier COLON source=identifier KERNEL size=INT
    ;

flatten
    : FLATTEN name=identifier COLON source=identifier
    ;

// Keywords are names too where a name is expected, so any identifier the validator accepts prints
// and reads back (a node may be called 'bias' or 'input').
identifier
    : IDENT | BIL | MODEL | INPUT | DENSE | THRESHOLD | SCORES | BIAS
    | CONV2D | MAXPOOL | FLATTEN | IMAGE | KERNEL | STRIDE | VALID | SAME
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

signed
    : (PLUS | MINUS)? INT
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
CONV2D    : 'conv2d' ;
MAXPOOL   : 'maxpool' ;
FLATTEN   : 'flatten' ;
IMAGE     : 'image' ;
KERNEL    : 'kernel' ;
STRIDE    : 'stride' ;
VALID     : 'valid' ;
SAME      : 'same' ;

ARROW  : '->' ;
COLON  : ':' ;
LBRACE : '{' ;
RBRACE : '}' ;
LBRACK : '[' ;
RBRACK : ']' ;
MINUS  : '-' ;
PLUS   : '+' ;

// A hex word: 0x and hex digits. Longer than 8 digits is lexed here and rejected with BIL022.
HEX   : '0' [xX] [0-9a-fA-F]* ;
// A feature map's shape, height x width x channels (28x28x1). Declared after HEX, so 0x12 stays a hex word.
SHAPE : [0-9]+ 'x' [0-9]+ 'x' [0-9]+ ;
INT   : [0-9]+ ;
IDENT : [A-Za-z_] [A-Za-z0-9_]* ;

NEWLINE : '\r'? '\n' ;
COMMENT : ('#' | '//') ~[\r\n]* -> skip ;
WS      : [ \t]+ -> skip ;

// Anything else is one bad character, reported as BIL002 at its position.
BAD_CHAR : . ;
