#!/usr/bin/env node
import { createRequire as __mlciCreateRequire } from 'node:module';
const require = __mlciCreateRequire(import.meta.url);
import {
  runMlci
} from "./chunks/chunk-2NAHC4UL.mjs";
import "./chunks/chunk-OXPYDTLY.mjs";
import "./chunks/chunk-3W7TTLE6.mjs";
import "./chunks/chunk-CZAMUGNL.mjs";
import "./chunks/chunk-BRKVSMAE.mjs";
import "./chunks/chunk-2J3FR4HG.mjs";
import "./chunks/chunk-SQN5FJIX.mjs";
import "./chunks/chunk-I3MUITDX.mjs";
import "./chunks/chunk-A5LLLDZO.mjs";
import "./chunks/chunk-S5BTKVLO.mjs";
import "./chunks/chunk-KU5EUUQA.mjs";
import "./chunks/chunk-I4YLKSLP.mjs";
import "./chunks/chunk-BB644DZP.mjs";
import "./chunks/chunk-BKSCICL3.mjs";
import "./chunks/chunk-KYECJA6K.mjs";
import "./chunks/chunk-LROHRW5Z.mjs";
import "./chunks/chunk-4O2OJROL.mjs";
import "./chunks/chunk-NG4NALTD.mjs";
import "./chunks/chunk-2IPZRCFI.mjs";
import "./chunks/chunk-MP6JLZIQ.mjs";
import "./chunks/chunk-LYOMSYH6.mjs";
import "./chunks/chunk-7R67EM7P.mjs";
import "./chunks/chunk-NGKITZK2.mjs";
import "./chunks/chunk-JQ6FLF6B.mjs";
import "./chunks/chunk-MQSGZXTW.mjs";
import "./chunks/chunk-YELMGPBK.mjs";
import "./chunks/chunk-NBGCPSWF.mjs";
import "./chunks/chunk-IS7M7TXC.mjs";
import "./chunks/chunk-KLG7ZBD7.mjs";
import "./chunks/chunk-4VSSUXZN.mjs";
import "./chunks/chunk-FOQFGMYR.mjs";
import "./chunks/chunk-Q2OW4E5W.mjs";
import "./chunks/chunk-PC3Y6LKK.mjs";
import "./chunks/chunk-TIUN4FPL.mjs";
import "./chunks/chunk-EJQUBIZI.mjs";
import "./chunks/chunk-MKCMK22H.mjs";

// packages/cli/src/index.ts
function main(argv) {
  return runMlci(argv);
}
export {
  main
};
