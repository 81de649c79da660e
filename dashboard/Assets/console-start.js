/* Starts the console once every view has registered its routes. */
'use strict';
OC.start();
