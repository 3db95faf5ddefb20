#!/usr/bin/env node
import { createRequire as __mlciCreateRequire } from 'node:module';
const require = __mlciCreateRequire(import.meta.url);
import {
  binnedHistogram,
  compareCategories,
  countedCategoriesLimit,
  distinctEdges,
  doubleLiteral,
  doubleOf,
  isProfileFile,
  kindOf,
  loadProfile,
  maxProfileCategories,
  numericValues,
  parseProfile,
  profileAggregatesPerQuery,
  profileBins,
  profileTable,
  profileText,
  rawValueRows
} from "./chunk-BKSCICL3.mjs";
import "./chunk-KYECJA6K.mjs";
import "./chunk-LROHRW5Z.mjs";
import "./chunk-4O2OJROL.mjs";
import "./chunk-NG4NALTD.mjs";
import "./chunk-LYOMSYH6.mjs";
import "./chunk-NGKITZK2.mjs";
import "./chunk-KLG7ZBD7.mjs";
import "./chunk-4VSSUXZN.mjs";
import "./chunk-FOQFGMYR.mjs";
import "./chunk-TIUN4FPL.mjs";
import "./chunk-MKCMK22H.mjs";
export {
  binnedHistogram,
  compareCategories,
  countedCategoriesLimit,
  distinctEdges,
  doubleLiteral,
  doubleOf,
  isProfileFile,
  kindOf,
  loadProfile,
  maxProfileCategories,
  numericValues,
  parseProfile,
  profileAggregatesPerQuery,
  profileBins,
  profileTable,
  profileText,
  rawValueRows
};
