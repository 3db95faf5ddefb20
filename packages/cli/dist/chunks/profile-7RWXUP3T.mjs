#!/usr/bin/env node
import { createRequire as __mlciCreateRequire } from 'node:module';
const require = __mlciCreateRequire(import.meta.url);
import {
  binnedHistogram,
  compareCategories,
  countedCategoriesLimit,
  countsAtPointsSql,
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
  profileAlongside,
  profileBins,
  profileTable,
  profileText,
  rawValueRows
} from "./chunk-OJEZEUZX.mjs";
import "./chunk-3WGW567F.mjs";
import "./chunk-EHSMM5DC.mjs";
import "./chunk-MK3DDHCX.mjs";
import "./chunk-5PJDXVWP.mjs";
import "./chunk-2GFZTZLN.mjs";
import "./chunk-XMRYHEY6.mjs";
import "./chunk-KLG7ZBD7.mjs";
import "./chunk-4VSSUXZN.mjs";
import "./chunk-BOL2UAYQ.mjs";
import "./chunk-COETP6OK.mjs";
import "./chunk-C6XSGGFY.mjs";
import "./chunk-AQW5IZUH.mjs";
export {
  binnedHistogram,
  compareCategories,
  countedCategoriesLimit,
  countsAtPointsSql,
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
  profileAlongside,
  profileBins,
  profileTable,
  profileText,
  rawValueRows
};
