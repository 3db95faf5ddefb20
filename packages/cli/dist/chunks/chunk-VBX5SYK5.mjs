#!/usr/bin/env node
import { createRequire as __mlciCreateRequire } from 'node:module';
const require = __mlciCreateRequire(import.meta.url);
import {
  AVERAGED_METRICS,
  BINARY_METRICS,
  SCORE_METRICS,
  parseYamlFile,
  require_dist
} from "./chunk-BL3GINF3.mjs";
import {
  readInputFile
} from "./chunk-4O2OJROL.mjs";
import {
  InlineMarkdown,
  codeSpan,
  literalText,
  md,
  plural,
  table,
  visibleLine
} from "./chunk-NG4NALTD.mjs";
import {
  _enum,
  array,
  bigint,
  boolean,
  discriminatedUnion,
  lazy,
  literal,
  number,
  object,
  preprocess,
  record,
  string,
  tuple,
  union
} from "./chunk-LYOMSYH6.mjs";
import {
  bytesDigest
} from "./chunk-KLG7ZBD7.mjs";
import {
  movePath
} from "./chunk-4VSSUXZN.mjs";
import {
  makeScratchDirectory,
  removeOnInterrupt
} from "./chunk-FOQFGMYR.mjs";
import {
  parseJson
} from "./chunk-TIUN4FPL.mjs";
import {
  InputError,
  MlciError,
  ServiceError,
  __toESM,
  firstLine
} from "./chunk-MKCMK22H.mjs";

// packages/core/src/stats/special.ts
var { abs, exp, floor, log, sin, sqrt } = Math;
var MACHEP = 11102230246251565e-32;
var MAXLOG = 709.782712893384;
var MINLOG = -745.1332191019412;
var EULER = 0.5772156649015329;
function polevl(x, coef) {
  let ans = coef[0];
  for (let i = 1; i < coef.length; i++) ans = ans * x + coef[i];
  return ans;
}
function p1evl(x, coef) {
  let ans = x + coef[0];
  for (let i = 1; i < coef.length; i++) ans = ans * x + coef[i];
  return ans;
}
function ratevl(x, num, denom) {
  const m = num.length - 1;
  const n = denom.length - 1;
  const absx = abs(x);
  let numAns;
  let denomAns;
  if (absx > 1) {
    const y = 1 / x;
    numAns = num[m];
    for (let i = m - 1; i >= 0; i--) numAns = numAns * y + num[i];
    denomAns = denom[n];
    for (let i = n - 1; i >= 0; i--) denomAns = denomAns * y + denom[i];
    return x ** (n - m) * numAns / denomAns;
  }
  numAns = num[0];
  for (let i = 1; i <= m; i++) numAns = numAns * x + num[i];
  denomAns = denom[0];
  for (let i = 1; i <= n; i++) denomAns = denomAns * x + denom[i];
  return numAns / denomAns;
}
var LGAM_A = [
  8116141674705085e-19,
  -5950619042843014e-19,
  7936503404577169e-19,
  -0.002777777777300997,
  0.08333333333333319
];
var LGAM_B = [
  -1378.2515256912086,
  -38801.631513463784,
  -331612.9927388712,
  -1162370974927623e-9,
  -1.7217370082083966e6,
  -853555.6642457654
];
var LGAM_C = [
  -351.81570143652345,
  -17064.210665188115,
  -220528.59055385445,
  -1.1393344436798252e6,
  -2.5325230717758294e6,
  -2.0188914143353277e6
];
var LS2PI = 0.9189385332046728;
var LOGPI = 1.1447298858494002;
var MAXLGM = 2556348e299;
function logGamma(xIn) {
  let x = xIn;
  if (!Number.isFinite(x)) return x;
  if (x < -34) {
    const q2 = -x;
    const w = logGamma(q2);
    let p2 = floor(q2);
    if (p2 === q2) return Number.POSITIVE_INFINITY;
    let z = q2 - p2;
    if (z > 0.5) {
      p2 += 1;
      z = p2 - q2;
    }
    z = q2 * sin(Math.PI * z);
    if (z === 0) return Number.POSITIVE_INFINITY;
    return LOGPI - log(z) - w;
  }
  if (x < 13) {
    let z = 1;
    let p2 = 0;
    let u = x;
    while (u >= 3) {
      p2 -= 1;
      u = x + p2;
      z *= u;
    }
    while (u < 2) {
      if (u === 0) return Number.POSITIVE_INFINITY;
      z /= u;
      p2 += 1;
      u = x + p2;
    }
    if (z < 0) z = -z;
    if (u === 2) return log(z);
    p2 -= 2;
    x = x + p2;
    p2 = x * polevl(x, LGAM_B) / p1evl(x, LGAM_C);
    return log(z) + p2;
  }
  if (x > MAXLGM) return Number.POSITIVE_INFINITY;
  let q = (x - 0.5) * log(x) - x + LS2PI;
  if (x > 1e8) return q;
  const p = 1 / (x * x);
  if (x >= 1e3) {
    q += ((7936507936507937e-19 * p - 0.002777777777777778) * p + 0.08333333333333333) / x;
  } else {
    q += polevl(p, LGAM_A) / x;
  }
  return q;
}
var ERFC_P = [
  2461969814735305e-25,
  0.5641895648310689,
  7.463210564422699,
  48.63719709856814,
  196.5208329560771,
  526.4451949954773,
  934.5285271719576,
  1027.5518868951572,
  557.5353353693994
];
var ERFC_Q = [
  13.228195115474499,
  86.70721408859897,
  354.9377788878199,
  975.7085017432055,
  1823.9091668790973,
  2246.3376081871097,
  1656.6630919416134,
  557.5353408177277
];
var ERFC_R = [
  0.5641895835477551,
  1.275366707599781,
  5.019050422511805,
  6.160210979930536,
  7.4097426995044895,
  2.9788666537210022
];
var ERFC_S = [
  2.2605286322011726,
  9.396035249380015,
  12.048953980809666,
  17.08144507475659,
  9.608968090632859,
  3.369076451000815
];
var ERF_T = [
  9.604973739870516,
  90.02601972038427,
  2232.005345946843,
  7003.325141128051,
  55592.30130103949
];
var ERF_U = [
  33.56171416475031,
  521.3579497801527,
  4594.323829709801,
  22629.000061389095,
  49267.39426086359
];
function erf(x) {
  if (Number.isNaN(x)) return Number.NaN;
  if (x < 0) return -erf(-x);
  if (abs(x) > 1) return 1 - erfc(x);
  const z = x * x;
  return x * polevl(z, ERF_T) / p1evl(z, ERF_U);
}
function erfc(a) {
  if (Number.isNaN(a)) return Number.NaN;
  const x = a < 0 ? -a : a;
  if (x < 1) return 1 - erf(a);
  let z = -a * a;
  if (z < -MAXLOG) return a < 0 ? 2 : 0;
  z = exp(z);
  let p;
  let q;
  if (x < 8) {
    p = polevl(x, ERFC_P);
    q = p1evl(x, ERFC_Q);
  } else {
    p = polevl(x, ERFC_R);
    q = p1evl(x, ERFC_S);
  }
  let y = z * p / q;
  if (a < 0) y = 2 - y;
  if (y !== 0) return y;
  return a < 0 ? 2 : 0;
}
var LOG1P_P = [
  452700008624452e-19,
  0.49854102823193375,
  6.578732594206104,
  29.911919328553072,
  60.94966798098779,
  57.11296359058554,
  20.039553499201283
];
var LOG1P_Q = [
  15.062909083469192,
  83.04756596796722,
  221.76239823732857,
  309.09872225312057,
  216.42788614495947,
  60.11866049760384
];
function log1p(x) {
  let z = 1 + x;
  if (z < Math.SQRT1_2 || z > Math.SQRT2) return log(z);
  z = x * x;
  z = -0.5 * z + x * (z * polevl(x, LOG1P_P) / p1evl(x, LOG1P_Q));
  return x + z;
}
function log1pmx(x) {
  if (abs(x) < 0.5) {
    let xfac = x;
    let res = 0;
    for (let n = 2; n < 500; n++) {
      xfac *= -x;
      const term = xfac / n;
      res += term;
      if (abs(term) < MACHEP * abs(res)) break;
    }
    return res;
  }
  return log1p(x) - x;
}
var EXPM1_P = [12617719307481058e-20, 0.030299440770744195, 1];
var EXPM1_Q = [
  30019850513866446e-22,
  0.002524483403496841,
  0.22726554820815503,
  2
];
function expm1(x) {
  if (!Number.isFinite(x)) {
    if (Number.isNaN(x)) return x;
    return x > 0 ? x : -1;
  }
  if (x < -0.5 || x > 0.5) return exp(x) - 1;
  const xx = x * x;
  let r = x * polevl(xx, EXPM1_P);
  r = r / (polevl(xx, EXPM1_Q) - r);
  return r + r;
}
var ZETA_A = [
  12,
  -720,
  30240,
  -1209600,
  47900160,
  -18924375803183792e-7,
  74724249600,
  -2950130727918164e-3,
  11646782814350067e-2,
  -4597978722407473,
  181521054019435460,
  -7166165256175667e3
];
function hurwitzZeta(x, q) {
  if (x === 1) return Number.POSITIVE_INFINITY;
  if (x < 1) return Number.NaN;
  if (q <= 0) {
    if (q === floor(q)) return Number.POSITIVE_INFINITY;
    if (x !== floor(x)) return Number.NaN;
  }
  let s = q ** -x;
  let a = q;
  let i = 0;
  let b = 0;
  while (i < 9 || a <= 9) {
    i += 1;
    a += 1;
    b = a ** -x;
    s += b;
    if (abs(b / s) < MACHEP) return s;
  }
  const w = a;
  s += b * w / (x - 1);
  s -= 0.5 * b;
  a = 1;
  let k = 0;
  for (i = 0; i < 12; i++) {
    a *= x + k;
    b /= w;
    let t = a * b / ZETA_A[i];
    s = s + t;
    t = abs(t / s);
    if (t < MACHEP) return s;
    k += 1;
    a *= x + k;
    b /= w;
    k += 1;
  }
  return s;
}
function lgam1pTaylor(x) {
  if (x === 0) return 0;
  let res = -EULER * x;
  let xfac = -x;
  for (let n = 2; n < 42; n++) {
    xfac *= -x;
    const coeff = hurwitzZeta(n, 1) * xfac / n;
    res += coeff;
    if (abs(coeff) < MACHEP * abs(res)) break;
  }
  return res;
}
function logGamma1p(x) {
  if (abs(x) <= 0.5) return lgam1pTaylor(x);
  if (abs(x - 1) < 0.5) return log(x) + lgam1pTaylor(x - 1);
  return logGamma(x + 1);
}
var LANCZOS_G = 6.02468004077673;
var LANCZOS_SUM_EXPG_SCALED_NUM = [
  0.006061842346248907,
  0.5098416655656676,
  19.519927882476175,
  449.9445569063168,
  6955.999602515376,
  75999.29304014542,
  601859.6171681099,
  3481712154980646e-9,
  14605578087685067e-9,
  4333888932467614e-8,
  863631312881386e-7,
  10379404311634454e-8,
  56906521913471565e-9
];
var LANCZOS_SUM_EXPG_SCALED_DENOM = [
  1,
  66,
  1925,
  32670,
  357423,
  2637558,
  13339535,
  45995730,
  105258076,
  150917976,
  120543840,
  39916800,
  0
];
function lanczosSumExpgScaled(x) {
  return ratevl(x, LANCZOS_SUM_EXPG_SCALED_NUM, LANCZOS_SUM_EXPG_SCALED_DENOM);
}
var IGAM_D = [
  [
    -0.3333333333333333,
    0.08333333333333333,
    -0.014814814814814815,
    0.0011574074074074073,
    3527336860670194e-19,
    -1787551440329218e-19,
    3919263178522438e-20,
    -21854485106799924e-22,
    -185406221071516e-20,
    8296711340953087e-22,
    -17665952736826078e-23,
    6707853543401498e-24,
    10261809784240309e-24,
    -4382036018453353e-24,
    914769958223679e-24,
    -2551419399494625e-26,
    -5830772132550426e-26,
    24361948020667415e-27,
    -50276692801141755e-28,
    11004392031956135e-29,
    33717632624009856e-29,
    -1392388722418162e-28,
    28534893807047445e-30,
    -5139111834242572e-31,
    -19752288294349442e-31
  ],
  [
    -0.001851851851851852,
    -0.003472222222222222,
    0.0026455026455026454,
    -9902263374485596e-19,
    20576131687242798e-20,
    -4018775720164609e-22,
    -18098550334489977e-21,
    764916091608111e-20,
    -16120900894563446e-22,
    4647127802807434e-24,
    1378633446915721e-22,
    -5752545603517705e-23,
    11951628599778148e-24,
    -17543241719747647e-27,
    -10091543710600413e-25,
    4162792991842583e-25,
    -856390702649298e-25,
    6067215101604758e-29,
    71624989648114856e-28,
    -2933186643771437e-27,
    5996696365683689e-28,
    -21671786527323313e-32,
    -4978339972369262e-29,
    20291628823713425e-30,
    -413125571381061e-29
  ],
  [
    0.004133597883597883,
    -0.0026813271604938273,
    7716049382716049e-19,
    20093878600823047e-22,
    -10736653226365161e-20,
    52923448829120125e-21,
    -12760635188618728e-21,
    3423578734096138e-23,
    13721957309062932e-22,
    -6298992138380055e-22,
    14280614206064242e-23,
    -20477098421990866e-26,
    -1409252991086752e-23,
    6228974084922022e-24,
    -13670488396617112e-25,
    9428356159014678e-28,
    12872252400089318e-26,
    -55645956134363323e-27,
    1197593554636698e-26,
    -41689782251838634e-31,
    -10940640427884595e-28,
    4662239946390136e-28,
    -9905105763906907e-29,
    18931876768373515e-33,
    8859221872591127e-30
  ],
  [
    6494341563786008e-19,
    22947209362139917e-20,
    -4691894943952557e-19,
    26772063206283885e-20,
    -7561801671883977e-20,
    -2396505113867297e-22,
    11082654115347302e-21,
    -56749528269915965e-22,
    14230900732435883e-22,
    -27861080291528143e-27,
    -16958404091930278e-23,
    8099464905388083e-23,
    -19111168485973655e-24,
    23928620439808118e-28,
    20620131815488797e-25,
    -9460496661855133e-25,
    21541049775774907e-26,
    -1388823336813903e-29,
    -21894761681963938e-27,
    9790998951171684e-27,
    -2178219188018096e-27,
    6208819573407901e-32,
    2126978363279737e-28,
    -9344688791517433e-29,
    2045367122678285e-29
  ],
  [
    -8618882909167117e-19,
    7840392217200666e-19,
    -2990724803031902e-19,
    -14638452578843418e-22,
    6641498215465122e-20,
    -3968365047179435e-20,
    11375726970678419e-21,
    2507497226237533e-25,
    -16954149536558305e-22,
    8907507532205309e-22,
    -2292934834000805e-22,
    2956794137544049e-26,
    28865829742708783e-24,
    -14189739437803219e-24,
    34463580499464896e-25,
    -23024517174528067e-29,
    -39409233028046403e-26,
    186023389685045e-24,
    -4356323005056618e-26,
    1278600101629623e-30,
    467927502665792e-26,
    -2149246470613483e-27,
    4908815614809652e-28,
    -633859148489156e-32,
    -5045332069080094e-29
  ],
  [
    -33679855336635813e-20,
    -6972813758365858e-20,
    2772753244959392e-19,
    -19932570516188847e-20,
    6797780477937208e-20,
    1419062920643967e-22,
    -13594048189768693e-21,
    8018470256334202e-21,
    -2291481176508095e-21,
    -3252473551298454e-25,
    34652846491085265e-23,
    -18447187191171344e-23,
    48240967037894184e-24,
    -17989466721743514e-30,
    -6306194500013523e-24,
    3162417628774568e-24,
    -7840924253697429e-25,
    5192679165254041e-30,
    9358944242306784e-26,
    -4513426216163278e-26,
    10799129993116828e-27,
    -3661886712685252e-32,
    -1210902069055155e-27,
    5680743584990564e-28,
    -13249659916340829e-29
  ],
  [
    5313079364639922e-19,
    -5921664373536939e-19,
    2708782096718045e-19,
    7902353232660328e-22,
    -8153969367561969e-20,
    561168275310625e-19,
    -18329116582843375e-21,
    -30796134506033047e-25,
    3465155368803609e-21,
    -20291327396058603e-22,
    5788792863149004e-22,
    2338630673826657e-28,
    -8828600746330484e-23,
    47435958880408125e-24,
    -12545415020710382e-24,
    8649648858010293e-29,
    16846058979264062e-25,
    -8575492823577594e-25,
    21598224929232125e-26,
    -7613230520476153e-31,
    -26639822008536144e-27,
    13065700536611057e-27,
    -31799163902367977e-28,
    4710976121367431e-33,
    36902800842763465e-29
  ],
  [
    34436760689237765e-20,
    5171790908260592e-20,
    -33493161081142234e-20,
    2812695154763237e-19,
    -10976582244684731e-20,
    -12741009095484485e-23,
    27744451511563645e-21,
    -18263488805711332e-21,
    57876949497350525e-22,
    493875893393627e-24,
    -10595367014026043e-22,
    6166714376110408e-22,
    -17562973359060463e-23,
    -1297447328701544e-27,
    2695423606288966e-23,
    -14578352908731272e-24,
    3887645959386175e-24,
    -3881002251019412e-32,
    -5327994173877286e-25,
    27437977643314844e-26,
    -6995796092070568e-26,
    2589986387486848e-32,
    8856689099669639e-27,
    -4403168815871311e-27,
    10865561947091654e-28
  ],
  [
    -6526239185953094e-19,
    8394987206720873e-19,
    -438297098541721e-18,
    -6969091458420552e-22,
    16644846642067547e-20,
    -12783517679769218e-20,
    4629953263691304e-20,
    4557909867922708e-24,
    -10595271125805195e-21,
    6783342904865167e-21,
    -21075476666258803e-22,
    -17213731432817144e-27,
    3773587741611098e-22,
    -21867506700122867e-23,
    6220228804018927e-23,
    6597703826733e-28,
    -9590386497425686e-24,
    5213214492280807e-24,
    -13991589583935709e-25,
    5382058999060575e-31,
    19484714275467745e-26,
    -10127287556389682e-26,
    26077347197254926e-27,
    -5090418699993299e-33,
    -33721464474854593e-28
  ],
  [
    -5967612901927463e-19,
    -7204895416020011e-20,
    6782308837667328e-19,
    -6401475260262758e-19,
    27750107634328704e-20,
    1819700838046515e-22,
    -8479507117068503e-20,
    6105192082501531e-20,
    -21073920183404862e-21,
    -8858589014125599e-25,
    45284535953805374e-22,
    -28427815022504407e-22,
    8708234177864641e-22,
    36886101871706966e-28,
    -1534469519070206e-22,
    8862466778790695e-23,
    -25184812301826817e-24,
    -10225912098215092e-30,
    3896947075815478e-24,
    -21267304792235634e-25,
    5737013552805138e-25,
    -1887749850169741e-34,
    -8093153869465787e-26,
    423827232834492e-25,
    -11002224534207727e-27
  ],
  [
    0.0013324454494800656,
    -0.0019144384985654776,
    0.0011089369134596636,
    99324041226423e-20,
    -5087450129309319e-19,
    42735056665392886e-20,
    -168588537679108e-18,
    -81301893922785e-22,
    45284402370562144e-21,
    -3127053674781734e-20,
    1044986828530338e-20,
    48435226265680926e-27,
    -2148256587345626e-21,
    1329369701097492e-21,
    -4029569309210103e-22,
    -1756787766632329e-28,
    7014504316366825e-23,
    -4040787734999483e-23,
    11474026743371962e-24,
    39642746853563326e-34,
    -17804938269892715e-25,
    9748026254873165e-25,
    -26405338676507616e-26,
    5794875163403742e-33,
    3764774955354384e-26
  ],
  [
    0.001579727660730835,
    16251626278391583e-20,
    -0.0020633421035543276,
    0.00213896861856891,
    -0.0010108559391263003,
    -399127055299192e-21,
    3623502508476469e-19,
    -28143901463712157e-20,
    10449513336495887e-20,
    212114184918303e-23,
    -25779417251947842e-21,
    17281818956040464e-21,
    -5641377387290428e-21,
    -11024320105776174e-27,
    11223224418895176e-22,
    -6869339637952674e-22,
    20653236975414888e-23,
    46714772409838506e-30,
    -35609886164949055e-24,
    20470855345905963e-24,
    -5809173863328336e-24,
    -1332821287582869e-31,
    9035460439133513e-25,
    -4959878251733084e-25,
    13481607129399748e-26
  ],
  [
    -0.004072512119514016,
    0.00640336283380807,
    -0.004041016108167662,
    -2183732802866233e-21,
    0.002174044180125464,
    -0.001970044051841889,
    8359546974796246e-19,
    19445447567109655e-24,
    -257793871204217e-18,
    19009987368139304e-20,
    -6769649993743896e-20,
    -14440629666426571e-26,
    15712512518742267e-21,
    -10304008744776892e-21,
    3304517767401387e-21,
    7982976024232571e-28,
    -64097794149313e-20,
    38894624761300054e-23,
    -1161834764494887e-22,
    -2816808630596451e-30,
    19878012911297094e-24,
    -11407719956357511e-24,
    32355857064185554e-25,
    4175946829345594e-35,
    -5042311271810582e-25
  ],
  [
    -0.0059475779383993,
    -5401647678926045e-19,
    0.00879104135507679,
    -0.009857631558785612,
    0.005013469503102154,
    12807521786221875e-22,
    -0.0020626019342754685,
    0.0017109128573523059,
    -676953127141338e-18,
    -6901154567656214e-24,
    18855128143995903e-20,
    -1339521566349197e-19,
    4626318303352804e-20,
    4003423061332135e-26,
    -10255652921494033e-21,
    6612086372797651e-21,
    -20913022027253007e-22,
    -20951775649603836e-29,
    3975602904199325e-22,
    -2395621197881589e-22,
    7118288338214586e-23,
    8925574873053455e-31,
    -12101547235064675e-24,
    6935061824833439e-24,
    -196614644538561e-23
  ],
  [
    0.01740202778752271,
    -0.029527880945699123,
    0.020045875571402798,
    70289515966903405e-22,
    -0.012375421071343148,
    0.011976293444235253,
    -0.0054156038466518525,
    -6329089339641862e-23,
    0.0018855118129005065,
    -0.001473473274825001,
    5551581009770838e-19,
    5240683441255066e-25,
    -14357913535784837e-20,
    991812932249433e-19,
    -3346083474947831e-20,
    -3575583729109899e-27,
    71560851960630075e-22,
    -4551680262815553e-21,
    14236576649271474e-22,
    18803149082089665e-30,
    -2662340389892921e-22,
    15950642189595716e-23,
    -471875146738411e-22,
    -6510787295875518e-32,
    7979509102674624e-24
  ],
  [
    0.03024912416090589,
    0.0024817436002649977,
    -0.049939134373457025,
    0.05991564300930787,
    -0.03248320760162339,
    -5721296865210344e-21,
    0.015085251778569354,
    -0.013261324005088445,
    0.0055515262632426145,
    3026318225703001e-23,
    -0.0017229548406756724,
    0.0012893570099929638,
    -46845138348319875e-20,
    -1830259937893045e-25,
    11449739014822654e-20,
    -7737856522124447e-20,
    25625836246985202e-21,
    10766165333192815e-28,
    -5324680928242262e-21,
    3349634863064464e-21,
    -10381253128684019e-22,
    -5608909920621128e-30,
    19150821930676592e-23,
    -11418365800203487e-23,
    33654425209171787e-24
  ],
  [
    -0.09905102088015905,
    0.17954011706123485,
    -0.12989606383463778,
    -31478872752284355e-21,
    0.09051063527684813,
    -0.0928288244111844,
    0.04441211283987781,
    27779236316835886e-23,
    -0.017229543805449696,
    0.014182925050891573,
    -0.005621416163374734,
    -239598509186381e-23,
    0.0016029634366079909,
    -0.0011606784674435774,
    41001337768153875e-20,
    1836580075409066e-26,
    -958442565636559e-19,
    6364306233776471e-20,
    -2076250624489065e-20,
    -11806020912804483e-29,
    4213180823912065e-21,
    -2626224133701247e-21,
    8077062049493066e-22,
    6012591212363273e-31,
    -1472973737401884e-22
  ],
  [
    -0.19994542198219728,
    -0.015056113040026424,
    0.36470239469348487,
    -0.4643519231173355,
    0.26640934719197895,
    3403826602714719e-20,
    -0.13784338709329624,
    0.1276467178337056,
    -0.056213828755200985,
    -1753150885483011e-22,
    0.019235592956768112,
    -0.015088821281095314,
    0.005740185445135012,
    10622382710310225e-25,
    -0.0015335082692563998,
    0.0010819320643228215,
    -3737251019394566e-19,
    -6617090972903199e-27,
    8426361738090962e-20,
    -5515070682748348e-20,
    1776953644834807e-20,
    3882792321020553e-29,
    -353513697488768e-20,
    2186583213004527e-21,
    -668128494476256e-21
  ],
  [
    0.7243860850402943,
    -1.3918010932653375,
    1.0654143352413967,
    1876173868950258e-19,
    -0.827055011761527,
    0.8935243334782842,
    -0.44971003995291337,
    -16107401567546651e-22,
    0.1923559016527109,
    -0.1659770216004261,
    0.06888222268181433,
    13910091724608687e-24,
    -0.02146911561508663,
    0.016228980898865892,
    -0.005979601617258426,
    -11287469112826745e-26,
    0.0015167451119784856,
    -0.00104786342935539,
    3553907288912642e-19,
    8170432211180152e-28,
    -777730134424524e-19,
    5029141389700772e-20,
    -16035083867000518e-21,
    12469354315487606e-30,
    31369106244517616e-22
  ],
  [
    1.6668949727276812,
    0.1165462765994632,
    -3.3288393225018904,
    4.469232548286404,
    -2.6977693045875806,
    -2600667859891061e-19,
    1.5389017615694538,
    -1.4937962361134611,
    0.6888196463323315,
    13077482004552384e-22,
    -0.2576296332559629,
    0.21097676102125448,
    -0.08371440835921988,
    -7792042888135476e-24,
    0.0242679230648336,
    -0.017813678334552312,
    0.006397033038890006,
    4943080709048052e-26,
    -0.0015554602758465635,
    0.0010561196919903215,
    -352771844604729e-18,
    9300233464502246e-29,
    7528585502655717e-20,
    -4818651556915635e-20,
    15227271505597605e-21
  ],
  [
    -6.618829886137293,
    13.397985455142589,
    -10.789350606845145,
    -0.0014352254537875018,
    9.23336945961898,
    -10.456552819547769,
    5.510552602903347,
    12024439690716742e-21,
    -2.5762961164755818,
    2.320744274538718,
    -1.0045728797216285,
    -10207833290021913e-23,
    0.3397509217116947,
    -0.2672051745075747,
    0.10235252851562705,
    8432973048487163e-25,
    -0.027998284958442594,
    0.020066274144976814,
    -0.007055436891508624,
    19402238183698188e-28,
    0.0016562888105449611,
    -0.0011082898580743682,
    3654545161310169e-19,
    -5129003202697179e-26,
    -7634010369686903e-20
  ],
  [
    -17.112706061976095,
    -1.1208044642899115,
    37.131966511885445,
    -52.29827102534896,
    33.058589696624615,
    0.002479129897620022,
    -20.61089403411526,
    20.88672775145582,
    -10.045703956517752,
    -12238783449063012e-21,
    4.077013427422114,
    -3.473667358470195,
    1.4329352617312006,
    7135991441187971e-23,
    -0.4479725715911561,
    0.3411266608064446,
    -0.12699786326594922,
    -2895367726908153e-25,
    0.03312577627825986,
    -0.023274087021036102,
    0.008039999350364889,
    -1177805216235265e-24,
    -0.001832162489107167,
    0.0012108282933588664,
    -3947994124682252e-19
  ],
  [
    73.89033153567425,
    -156.80141270402274,
    132.2177542759164,
    0.013692876877324546,
    -123.66496885920151,
    146.2068939106273,
    -80.36558772486535,
    -11259851148881298e-20,
    40.77013219617994,
    -38.21034001327303,
    17.19522294277362,
    9351970795516835e-22,
    -6.271615990774704,
    5.116899907185264,
    -2.0319658112299095,
    -4950721558276154e-24,
    0.596263972943326,
    -0.44220765337238094,
    0.16079998700166273,
    -24733786203223403e-24,
    -0.040307574759979765,
    0.02784905074709787,
    -0.009475185899205422,
    6419922235909132e-21,
    0.002125018077469946
  ],
  [
    212.1683709838252,
    13.107863022633868,
    -496.9828593287175,
    731.215952669692,
    -482.1382172089085,
    -0.028817248692894887,
    326.167203029471,
    -343.8934028008712,
    171.95193870816232,
    14038077378096157e-20,
    -75.2594195897599,
    66.51969984520935,
    -28.447519748152462,
    -7613702615875392e-22,
    9.540223710530437,
    -7.517530111331138,
    2.894399756887196,
    -466121949995382e-21,
    -0.8061514959879409,
    0.5848300657063102,
    -0.20845408972964957,
    14765818959305816e-20,
    0.05100043386375302,
    -0.03306625214188366,
    0.015109265210467774
  ],
  [
    -989.5964309832236,
    2192.555536090523,
    -1928.3586782723355,
    -0.15925738122215252,
    1956.9985945919857,
    -2407.2514765081555,
    1375.6149959336497,
    0.0012920735237496668,
    -752.5941715948055,
    731.7166874220871,
    -341.37023466220063,
    -9985739026060805e-21,
    133.56313181291574,
    -112.76295161252794,
    46.31039609820446,
    -7923738713361476e-21,
    -14.510726927018647,
    11.111771248100563,
    -4.169081794527089,
    0.0031008219800117806,
    1.1220095449981469,
    -0.7605237992614992,
    0.36262236505085255,
    0.2216867741940747,
    0.48683443692930506
  ]
];
var IGAM_MAXITER = 2e3;
var IGAM_SMALL = 20;
var IGAM_LARGE = 200;
var IGAM_SMALLRATIO = 0.3;
var IGAM_LARGERATIO = 4.5;
var IGAM_BIG = 4503599627370496;
var IGAM_BIGINV = 2220446049250313e-31;
function igamFac(a, x) {
  if (abs(a - x) > 0.4 * abs(a)) {
    const ax = a * log(x) - x - logGamma(a);
    if (ax < -MAXLOG) return 0;
    return exp(ax);
  }
  const fac = a + LANCZOS_G - 0.5;
  let res = sqrt(fac / exp(1)) / lanczosSumExpgScaled(a);
  if (a < 200 && x < 200) {
    res *= exp(a - x) * (x / fac) ** a;
  } else {
    const num = x - a - LANCZOS_G + 0.5;
    res *= exp(a * log1pmx(num / fac) + x * (0.5 - LANCZOS_G) / fac);
  }
  return res;
}
function igamcContinuedFraction(a, x) {
  const ax = igamFac(a, x);
  if (ax === 0) return 0;
  let y = 1 - a;
  let z = x + y + 1;
  let c = 0;
  let pkm2 = 1;
  let qkm2 = x;
  let pkm1 = x + 1;
  let qkm1 = z * x;
  let ans = pkm1 / qkm1;
  for (let i = 0; i < IGAM_MAXITER; i++) {
    c += 1;
    y += 1;
    z += 2;
    const yc = y * c;
    const pk = pkm1 * z - pkm2 * yc;
    const qk = qkm1 * z - qkm2 * yc;
    let t;
    if (qk !== 0) {
      const r = pk / qk;
      t = abs((ans - r) / r);
      ans = r;
    } else {
      t = 1;
    }
    pkm2 = pkm1;
    pkm1 = pk;
    qkm2 = qkm1;
    qkm1 = qk;
    if (abs(pk) > IGAM_BIG) {
      pkm2 *= IGAM_BIGINV;
      pkm1 *= IGAM_BIGINV;
      qkm2 *= IGAM_BIGINV;
      qkm1 *= IGAM_BIGINV;
    }
    if (t <= MACHEP) break;
  }
  return ans * ax;
}
function igamSeries(a, x) {
  const ax = igamFac(a, x);
  if (ax === 0) return 0;
  let r = a;
  let c = 1;
  let ans = 1;
  for (let i = 0; i < IGAM_MAXITER; i++) {
    r += 1;
    c *= x / r;
    ans += c;
    if (c <= MACHEP * ans) break;
  }
  return ans * ax / a;
}
function igamcSeries(a, x) {
  let fac = 1;
  let sum = 0;
  for (let n = 1; n < IGAM_MAXITER; n++) {
    fac *= -x / n;
    const term2 = fac / (a + n);
    sum += term2;
    if (abs(term2) <= MACHEP * abs(sum)) break;
  }
  const logx = log(x);
  const term = -expm1(a * logx - logGamma1p(a));
  return term - exp(a * logx - logGamma(a)) * sum;
}
function igamAsymptoticSeries(a, x, lower) {
  const sgn = lower ? -1 : 1;
  const lambda = x / a;
  const sigma = (x - a) / a;
  let eta;
  if (lambda > 1) eta = sqrt(-2 * log1pmx(sigma));
  else if (lambda < 1) eta = -sqrt(-2 * log1pmx(sigma));
  else eta = 0;
  let res = 0.5 * erfc(sgn * eta * sqrt(a / 2));
  const K = IGAM_D.length;
  const N = IGAM_D[0].length;
  const etapow = new Float64Array(N);
  etapow[0] = 1;
  let maxpow = 0;
  let sum = 0;
  let afac = 1;
  let absoldterm = Number.POSITIVE_INFINITY;
  for (let k = 0; k < K; k++) {
    const dk = IGAM_D[k];
    let ck = dk[0];
    for (let n = 1; n < N; n++) {
      if (n > maxpow) {
        etapow[n] = eta * etapow[n - 1];
        maxpow += 1;
      }
      const ckterm = dk[n] * etapow[n];
      ck += ckterm;
      if (abs(ckterm) < MACHEP * abs(ck)) break;
    }
    const term = ck * afac;
    const absterm = abs(term);
    if (absterm > absoldterm) break;
    sum += term;
    if (absterm < MACHEP * abs(sum)) break;
    absoldterm = absterm;
    afac /= a;
  }
  res += sgn * exp(-0.5 * a * eta * eta) * sum / sqrt(2 * Math.PI * a);
  return res;
}
function regularizedGammaQ(a, x) {
  if (x < 0 || a <= 0 || Number.isNaN(a) || Number.isNaN(x)) return Number.NaN;
  if (x === 0) return 1;
  if (!Number.isFinite(x)) return 0;
  const absxmaA = abs(x - a) / a;
  if (a > IGAM_SMALL && a < IGAM_LARGE && absxmaA < IGAM_SMALLRATIO) return igamAsymptoticSeries(a, x, false);
  if (a > IGAM_LARGE && absxmaA < IGAM_LARGERATIO / sqrt(a)) return igamAsymptoticSeries(a, x, false);
  if (x > 1.1) {
    if (x < a) return 1 - igamSeries(a, x);
    return igamcContinuedFraction(a, x);
  }
  if (x <= 0.5) {
    if (-0.4 / log(x) < a) return 1 - igamSeries(a, x);
    return igamcSeries(a, x);
  }
  if (x * 1.1 < a) return 1 - igamSeries(a, x);
  return igamcSeries(a, x);
}
function chiSquareSurvival(x, df) {
  if (!(df > 0) || Number.isNaN(x)) return Number.NaN;
  if (x <= 0) return 1;
  if (x === Number.POSITIVE_INFINITY) return 0;
  return regularizedGammaQ(df / 2, x / 2);
}

// packages/core/src/stats/random.ts
var { abs: abs2, cos, exp: exp2, floor: floor2, imul, log: log2, min, PI, sin: sin2, sqrt: sqrt2 } = Math;
var isNaNNumber = Number.isNaN;
function mix32(value) {
  let h = value >>> 0;
  h = imul(h ^ h >>> 16, 2246822507);
  h = imul(h ^ h >>> 13, 3266489909);
  return (h ^ h >>> 16) >>> 0;
}
var TWO_POW_53 = 9007199254740992;
var SeededRandom = class {
  // Typed arrays, not fields: V8 boxes integers beyond 31 bits held in fields, one allocation per draw.
  state = new Int32Array(4);
  /** The second normal of the last Box-Muller pair, NaN when used. */
  spare = new Float64Array([Number.NaN]);
  /** seed, stream and index are taken as unsigned 32-bit integers. */
  constructor(seed, stream = 0, index = 0) {
    let h = mix32(seed + 2654435769);
    h = mix32(h ^ stream + 1013904242);
    h = mix32(h ^ index + 3668340011);
    const state = this.state;
    state[0] = mix32(h + 2654435769);
    state[1] = mix32(h + 1013904242);
    state[2] = mix32(h + 3668340011);
    state[3] = mix32(h + 2027808484);
    if ((state[0] | state[1] | state[2] | state[3]) === 0) state[0] = 1;
  }
  /** The next 32 random bits, as an unsigned integer. */
  nextUint32() {
    const state = this.state;
    const s0 = state[0];
    const s1 = state[1];
    const s2 = state[2] ^ s0;
    const s3 = state[3] ^ s1;
    const x = imul(s1, 5);
    const result = imul(x << 7 | x >>> 25, 9);
    state[0] = s0 ^ s3;
    state[1] = s1 ^ s2;
    state[2] = s2 ^ s1 << 9;
    state[3] = s3 << 11 | s3 >>> 21;
    return result >>> 0;
  }
  /** A uniform double in [0, 1) with 53 random bits. */
  nextDouble() {
    const high = this.nextUint32() >>> 5;
    const low = this.nextUint32() >>> 6;
    return (high * 67108864 + low) / TWO_POW_53;
  }
  /**
   * A uniform integer in [0, bound), bound <= 2^32, without bias: Lemire's multiply-and-reject
   * ("Fast random integer generation in an interval", 2019) while bound * 2^32 is exact in a double
   * (bound < 2^21); above, the 53-bit product, whose bias is below bound / 2^53.
   */
  nextIndex(bound) {
    if (bound >= 2097152) return floor2(this.nextDouble() * bound);
    for (; ; ) {
      const product = this.nextUint32() * bound;
      const high = floor2(product * 23283064365386963e-26);
      const low = product - high * 4294967296;
      if (low >= bound || low >= (4294967296 - bound) % bound) return high;
    }
  }
  /** A standard normal: Box-Muller, the second of each pair kept for the next call. */
  nextNormal() {
    const spare = this.spare[0];
    if (!isNaNNumber(spare)) {
      this.spare[0] = Number.NaN;
      return spare;
    }
    const radius = sqrt2(-2 * log2(1 - this.nextDouble()));
    const angle = 2 * PI * this.nextDouble();
    this.spare[0] = radius * sin2(angle);
    return radius * cos(angle);
  }
  /**
   * Binomial(n, p), exact: inversion when n * min(p, 1-p) < 10, otherwise Hörmann's BTRS transformed
   * rejection (W. Hörmann, "The generation of binomial random variates", J. Stat. Comput. Simul. 46, 1993),
   * the algorithm TensorFlow and JAX use.
   */
  binomial(n, p) {
    if (n <= 0 || p <= 0) return 0;
    if (p >= 1) return n;
    if (p > 0.5) return n - this.binomial(n, 1 - p);
    if (n * p < 10) return this.binomialInversion(n, p);
    return this.binomialBtrs(n, p);
  }
  /** numpy's random_binomial_inversion (Kachitvichyanukul & Schmeiser's BINV), for n * p < 10 and p <= 0.5. */
  binomialInversion(n, p) {
    const q = 1 - p;
    const qn = exp2(n * log2(q));
    const np = n * p;
    const bound = min(n, np + 10 * sqrt2(np * q + 1));
    const s = p / q;
    const a = (n + 1) * s;
    let x = 0;
    let px = qn;
    let u = this.nextDouble();
    while (u > px) {
      x++;
      if (x > bound) {
        x = 0;
        px = qn;
        u = this.nextDouble();
      } else {
        u -= px;
        px *= a / x - s;
      }
    }
    return x;
  }
  binomialBtrs(n, p) {
    const q = 1 - p;
    const spq = sqrt2(n * p * q);
    const b = 1.15 + 2.53 * spq;
    const a = -0.0873 + 0.0248 * b + 0.01 * p;
    const c = n * p + 0.5;
    const vr = 0.92 - 4.2 / b;
    const r = p / q;
    const alpha = (2.83 + 5.1 / b) * spq;
    const m = floor2((n + 1) * p);
    for (; ; ) {
      const u = this.nextDouble() - 0.5;
      let v = this.nextDouble();
      const us = 0.5 - abs2(u);
      const k = floor2((2 * a / us + b) * u + c);
      if (k < 0 || k > n) continue;
      if (us >= 0.07 && v <= vr) return k;
      v = log2(v * alpha / (a / (us * us) + b));
      const bound = (m + 0.5) * log2((m + 1) / (r * (n - m + 1))) + (n + 1) * log2((n - m + 1) / (n - k + 1)) + (k + 0.5) * log2(r * (n - k + 1) / (k + 1)) + stirlingTail(m) + stirlingTail(n - m) - stirlingTail(k) - stirlingTail(n - k);
      if (v <= bound) return k;
    }
  }
  /**
   * Multinomial(total, counts / sum(counts)) into `out`, by conditional binomials: cell j gets
   * Binomial(remaining draws, counts[j] / remaining count), which is exact. Resampling `total` rows with
   * replacement from rows grouped into cells of sizes `counts` gives exactly this distribution of cell counts.
   */
  multinomial(total, counts, out) {
    let remainingDraws = total;
    let remainingCount = 0;
    for (let j = 0; j < counts.length; j++) remainingCount += counts[j];
    for (let j = 0; j < counts.length; j++) {
      const count2 = counts[j];
      if (remainingDraws === 0 || count2 === 0) {
        out[j] = 0;
        continue;
      }
      const drawn = count2 >= remainingCount ? remainingDraws : this.binomial(remainingDraws, count2 / remainingCount);
      out[j] = drawn;
      remainingDraws -= drawn;
      remainingCount -= count2;
    }
  }
};
var LOG_SQRT_2PI = 0.5 * log2(2 * PI);
var STIRLING_TAIL_TABLE = Array.from(
  { length: 10 },
  (_, k) => logGamma(k + 1) - (k + 0.5) * log2(k + 1) + (k + 1) - LOG_SQRT_2PI
);
function stirlingTail(k) {
  if (k <= 9) return STIRLING_TAIL_TABLE[k];
  const kp1sq = (k + 1) * (k + 1);
  return (1 / 12 - (1 / 360 - 1 / 1260 / kp1sq) / kp1sq) / (k + 1);
}

// packages/core/src/stats/sort.ts
var RADIX_MIN_LENGTH = 2048;
var SHIFTS = [0, 11, 22, 0, 11, 22];
var WIDTHS = [11, 11, 10, 11, 11, 10];
var BUCKETS = 2048;
var LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
function sortFloat64InPlace(values) {
  const n = values.length;
  if (n < RADIX_MIN_LENGTH || !LITTLE_ENDIAN) return values.sort();
  const words = new Uint32Array(values.buffer, values.byteOffset, n * 2);
  let lo = new Uint32Array(n);
  let hi = new Uint32Array(n);
  const counts = new Uint32Array(6 * BUCKETS);
  for (let i = 0; i < n; i++) {
    let l = words[2 * i];
    let h = words[2 * i + 1];
    if (h >>> 31) {
      l = ~l >>> 0;
      h = ~h >>> 0;
    } else {
      h = (h | 2147483648) >>> 0;
    }
    lo[i] = l;
    hi[i] = h;
    counts[l & 2047]++;
    counts[BUCKETS + (l >>> 11 & 2047)]++;
    counts[2 * BUCKETS + (l >>> 22)]++;
    counts[3 * BUCKETS + (h & 2047)]++;
    counts[4 * BUCKETS + (h >>> 11 & 2047)]++;
    counts[5 * BUCKETS + (h >>> 22)]++;
  }
  let loOut = new Uint32Array(n);
  let hiOut = new Uint32Array(n);
  const positions = new Uint32Array(BUCKETS);
  for (let pass = 0; pass < 6; pass++) {
    const base = pass * BUCKETS;
    const shift = SHIFTS[pass];
    const mask = (1 << WIDTHS[pass]) - 1;
    const keys = pass < 3 ? lo : hi;
    if (counts[base + (keys[0] >>> shift & mask)] === n) continue;
    let running = 0;
    for (let d = 0; d < BUCKETS; d++) {
      positions[d] = running;
      running += counts[base + d];
    }
    for (let i = 0; i < n; i++) {
      const pos = positions[keys[i] >>> shift & mask]++;
      loOut[pos] = lo[i];
      hiOut[pos] = hi[i];
    }
    [lo, loOut] = [loOut, lo];
    [hi, hiOut] = [hiOut, hi];
  }
  for (let i = 0; i < n; i++) {
    const h = hi[i];
    if (h >>> 31) {
      words[2 * i] = lo[i];
      words[2 * i + 1] = h & 2147483647;
    } else {
      words[2 * i] = ~lo[i] >>> 0;
      words[2 * i + 1] = ~h >>> 0;
    }
  }
  return values;
}

// packages/core/src/stats/bootstrap.ts
var { abs: abs3, floor: floor3, log: log3, max, min: min2, sqrt: sqrt3 } = Math;
var COUNTING_METRICS = /* @__PURE__ */ new Set([
  "accuracy",
  ...BINARY_METRICS,
  ...AVERAGED_METRICS
]);
var BOOTSTRAP_METRICS = [
  ...COUNTING_METRICS,
  ...SCORE_METRICS
];
var BINARY_COUNTING = new Set(BINARY_METRICS);
var DEFAULT_RESAMPLES = 1e3;
var DEFAULT_CONFIDENCE = 0.95;
var DEFAULT_BOOTSTRAP_SEED = 20261127;
var EXACT_MAX_ROWS = 2e4;
var LINEARIZED_MIN_CLASS_ROWS = 200;
var LINEARIZED_GROUPS = 256;
var LINEARIZATION_CHECKS = 0;
var STREAM = { counting: 1, rows: 2, roc_auc: 3, average_precision: 4, log_loss: 5, check: 6 };
var LOG_LOSS_EPS = 2220446049250313e-31;
function pairedBootstrap(input) {
  const resamples = input.resamples ?? DEFAULT_RESAMPLES;
  const confidence = input.confidence ?? DEFAULT_CONFIDENCE;
  const seed = input.seed ?? DEFAULT_BOOTSTRAP_SEED;
  validate(input, resamples, confidence, seed);
  const result = {};
  const keep = input.keepReplicates === true;
  const quantiles = [(1 - confidence) / 2, 1 - (1 - confidence) / 2];
  const counting = input.metrics.filter((m) => COUNTING_METRICS.has(m));
  const binaryProblem = binaryProblemOf(input);
  const runnableCounting = [];
  for (const metric of counting) {
    const reason = BINARY_COUNTING.has(metric) ? binaryProblem : void 0;
    if (reason) result[metric] = { lo: null, hi: null, reason: `${metric}: ${reason}` };
    else runnableCounting.push(metric);
  }
  if (runnableCounting.length > 0) {
    const replicates = countingReplicates(input, runnableCounting, resamples, seed);
    for (const [metric, values] of replicates) {
      result[metric] = intervalOf(values.deltas, values.delta, "exact", quantiles, keep);
    }
  }
  const scoreMetrics = SCORE_METRICS.filter((m) => input.metrics.includes(m));
  if (scoreMetrics.length > 0) {
    const problem = binaryProblem ?? scoreProblem(input);
    const runnable = [];
    for (const metric of scoreMetrics) {
      const reason = problem ?? (metric === "roc_auc" ? aucProblem(input) : void 0);
      if (reason) result[metric] = { lo: null, hi: null, reason: `${metric}: ${reason}` };
      else runnable.push(metric);
    }
    if (runnable.length > 0) {
      const scored = scoreReplicates(input, runnable, resamples, seed);
      for (const [metric, values] of scored) {
        const interval = intervalOf(values.deltas, values.delta, values.method, quantiles, keep);
        if (interval.lo !== null && values.approximation) interval.approximation = values.approximation;
        result[metric] = interval.lo === null ? { lo: null, hi: null, reason: `${metric}: ${interval.reason}` } : interval;
      }
    }
  }
  return result;
}
function validate(input, resamples, confidence, seed) {
  const n = input.labels.length;
  if (n === 0) throw new RangeError("bootstrap: there are no rows");
  if (!Number.isSafeInteger(resamples) || resamples < 1)
    throw new RangeError(`bootstrap: resamples must be a positive integer, got ${resamples}`);
  if (!(confidence > 0 && confidence < 1))
    throw new RangeError(`bootstrap: confidence must be between 0 and 1, got ${confidence}`);
  if (!Number.isSafeInteger(seed) || seed < 0 || seed > 4294967295)
    throw new RangeError(`bootstrap: seed must be an integer from 0 to 2^32 - 1, got ${seed}`);
  const checks = input.linearizationChecks ?? 0;
  if (!Number.isSafeInteger(checks) || checks < 0)
    throw new RangeError(`bootstrap: linearizationChecks must be a non-negative integer, got ${checks}`);
  const k = input.classCount;
  if (!Number.isSafeInteger(k) || k < 1)
    throw new RangeError(`bootstrap: classCount must be positive, got ${k}`);
  if (input.positive !== void 0 && !(Number.isInteger(input.positive) && input.positive >= 0 && input.positive < k))
    throw new RangeError(`bootstrap: positive class ${input.positive} is not one of the ${k} classes`);
  for (const metric of input.metrics) {
    if (!COUNTING_METRICS.has(metric) && !SCORE_METRICS.includes(metric))
      throw new RangeError(`bootstrap: unknown metric '${metric}'`);
  }
  const codes = [
    ["labels", input.labels],
    ["candidate predictions", input.candidate.predictions],
    ["baseline predictions", input.baseline.predictions]
  ];
  for (const [name, values] of codes) {
    if (values.length !== n) throw new RangeError(`bootstrap: ${n} labels but ${values.length} ${name}`);
    for (let i = 0; i < n; i++) {
      const v = values[i];
      if (v < 0 || v >= k)
        throw new RangeError(`bootstrap: ${name} row ${i} is class ${v}, not one of ${k} classes`);
    }
  }
  for (const [name, scores] of [
    ["candidate", input.candidate.scores],
    ["baseline", input.baseline.scores]
  ]) {
    if (!scores) continue;
    if (scores.length !== n)
      throw new RangeError(`bootstrap: ${n} labels but ${scores.length} ${name} scores`);
    for (let i = 0; i < n; i++) {
      const s = scores[i];
      if (!(s >= 0 && s <= 1))
        throw new RangeError(`bootstrap: ${name} score at row ${i} is ${s}, not in [0, 1]`);
    }
  }
}
function binaryProblemOf(input) {
  const present = /* @__PURE__ */ new Set();
  for (const codes of [input.labels, input.candidate.predictions, input.baseline.predictions]) {
    for (let i = 0; i < codes.length && present.size <= 2; i++) present.add(codes[i]);
  }
  if (present.size > 2)
    return `${present.size} classes in the labels and predictions: a binary metric needs two (scikit-learn raises for average='binary')`;
  if (input.positive === void 0) return "no positive class given";
  return void 0;
}
function scoreProblem(input) {
  if (!input.candidate.scores && !input.baseline.scores) return "needs scores and neither model has them";
  if (!input.candidate.scores) return "needs scores and the candidate has none";
  if (!input.baseline.scores) return "needs scores and the baseline has none";
  return void 0;
}
function aucProblem(input) {
  const positive = input.positive;
  let positives = 0;
  for (let i = 0; i < input.labels.length; i++) if (input.labels[i] === positive) positives++;
  if (positives === 0 || positives === input.labels.length)
    return "only one class in the labels, ROC AUC is not defined";
  return void 0;
}
function intervalOf(deltas, delta, method, [qLo, qHi], keep) {
  const defined = sortFloat64InPlace(deltas.filter((d) => !Number.isNaN(d)));
  if (defined.length === 0)
    return { lo: null, hi: null, reason: "undefined on every resample (each has a single class)" };
  const interval = {
    lo: quantileSorted(defined, qLo),
    hi: quantileSorted(defined, qHi),
    delta,
    method,
    resamples: defined.length
  };
  if (keep) interval.replicates = deltas;
  return interval;
}
function quantileSorted(sorted, q) {
  const n = sorted.length;
  const virtual = (n - 1) * q;
  const previous = min2(max(floor3(virtual), 0), n - 1);
  const next = min2(previous + 1, n - 1);
  const gamma = virtual - previous;
  const a = sorted[previous];
  const b = sorted[next];
  const diff = b - a;
  return gamma >= 0.5 ? b - diff * (1 - gamma) : a + diff * gamma;
}
function countingReplicates(input, metrics, resamples, seed) {
  const k = input.classCount;
  const n = input.labels.length;
  const { labels } = input;
  const candidate = input.candidate.predictions;
  const baseline = input.baseline.predictions;
  const cellCounts = /* @__PURE__ */ new Map();
  if (k * k * k <= 65536) {
    const dense = new Float64Array(k * k * k);
    for (let i = 0; i < n; i++) dense[(labels[i] * k + candidate[i]) * k + baseline[i]]++;
    dense.forEach((count2, key) => {
      if (count2 > 0) cellCounts.set(key, count2);
    });
  } else {
    for (let i = 0; i < n; i++) {
      const key = (labels[i] * k + candidate[i]) * k + baseline[i];
      cellCounts.set(key, (cellCounts.get(key) ?? 0) + 1);
    }
  }
  const keys = [...cellCounts.keys()].sort((a, b) => a - b);
  const cells = keys.length;
  const counts = new Float64Array(cells);
  const candidateCell = new Int32Array(cells);
  const baselineCell = new Int32Array(cells);
  for (let j = 0; j < cells; j++) {
    const key = keys[j];
    const label = floor3(key / (k * k));
    counts[j] = cellCounts.get(key);
    candidateCell[j] = label * k + floor3(key / k) % k;
    baselineCell[j] = label * k + key % k;
  }
  const candidateConfusion = new Float64Array(k * k);
  const baselineConfusion = new Float64Array(k * k);
  const fill = (drawn2) => {
    candidateConfusion.fill(0);
    baselineConfusion.fill(0);
    for (let j = 0; j < cells; j++) {
      candidateConfusion[candidateCell[j]] += drawn2[j];
      baselineConfusion[baselineCell[j]] += drawn2[j];
    }
  };
  const scorers = metrics.map((metric) => countingScorer(metric, k, input.positive ?? 0));
  const out = /* @__PURE__ */ new Map();
  fill(counts);
  metrics.forEach((metric, m) => {
    const score = scorers[m];
    out.set(metric, {
      deltas: new Float64Array(resamples),
      delta: score(candidateConfusion) - score(baselineConfusion)
    });
  });
  const drawn = new Float64Array(cells);
  const deltaArrays = metrics.map((metric) => out.get(metric).deltas);
  for (let r = 0; r < resamples; r++) {
    new SeededRandom(seed, STREAM.counting, r).multinomial(n, counts, drawn);
    fill(drawn);
    for (let m = 0; m < metrics.length; m++) {
      const score = scorers[m];
      deltaArrays[m][r] = score(candidateConfusion) - score(baselineConfusion);
    }
  }
  return out;
}
function countingScorer(metric, k, positive) {
  const predicted = new Float64Array(k);
  const actual = new Float64Array(k);
  const margins = (confusion) => {
    predicted.fill(0);
    actual.fill(0);
    let total = 0;
    for (let t = 0; t < k; t++) {
      for (let p = 0; p < k; p++) {
        const v = confusion[t * k + p];
        actual[t] += v;
        predicted[p] += v;
        total += v;
      }
    }
    return total;
  };
  const perClass = (kind2, confusion, c) => {
    const tp = confusion[c * k + c];
    const denominator = kind2 === "precision" ? predicted[c] : kind2 === "recall" ? actual[c] : predicted[c] + actual[c];
    if (denominator === 0) return 0;
    return kind2 === "f1" ? 2 * tp / denominator : tp / denominator;
  };
  if (metric === "accuracy") {
    return (confusion) => {
      let correct = 0;
      let total = 0;
      for (let c = 0; c < k; c++) correct += confusion[c * k + c];
      for (let i = 0; i < k * k; i++) total += confusion[i];
      return correct / total;
    };
  }
  const [kind, average] = metric.split("_");
  if (average === void 0) {
    return (confusion) => {
      margins(confusion);
      return perClass(kind, confusion, positive);
    };
  }
  return (confusion) => {
    const total = margins(confusion);
    let sum = 0;
    let present = 0;
    for (let c = 0; c < k; c++) {
      if (average === "macro") {
        if (actual[c] === 0 && predicted[c] === 0) continue;
        present++;
        sum += perClass(kind, confusion, c);
      } else if (actual[c] > 0) {
        sum += perClass(kind, confusion, c) * actual[c];
      }
    }
    return average === "macro" ? sum / present : sum / total;
  };
}
function scoreGroups(scores, isPositive) {
  const n = scores.length;
  const { order, hi, lo } = argsortUnitInterval(scores);
  const groupOf = new Int32Array(n);
  const groupPositives = new Float64Array(n);
  const groupNegatives = new Float64Array(n);
  let groups = 0;
  for (let j = 0; j < n; j++) {
    if (j === 0 || hi[j] !== hi[j - 1] || lo[j] !== lo[j - 1]) groups++;
    const row = order[j];
    groupOf[row] = groups - 1;
    if (isPositive[row]) groupPositives[groups - 1]++;
    else groupNegatives[groups - 1]++;
  }
  const loss = new Float64Array(n);
  const upper = 1 - LOG_LOSS_EPS;
  for (let i = 0; i < n; i++) {
    const s = scores[i];
    const clipped = min2(max(s, LOG_LOSS_EPS), upper);
    loss[i] = -log3(isPositive[i] ? clipped : 1 - clipped);
  }
  return {
    groupOf,
    groups,
    positives: groupPositives.slice(0, groups),
    negatives: groupNegatives.slice(0, groups),
    loss
  };
}
function argsortUnitInterval(values) {
  const n = values.length;
  const bits = new Uint32Array(Float64Array.from(values).buffer);
  let lo = new Uint32Array(n);
  let hi = new Uint32Array(n);
  let order = new Uint32Array(n);
  const counts = new Uint32Array(4 * 4096);
  for (let i = 0; i < n; i++) {
    const h = bits[2 * i + 1];
    const negativeZero = h >>> 31;
    const l = negativeZero ? 0 : bits[2 * i];
    const hk = negativeZero ? 0 : h;
    lo[i] = l;
    hi[i] = hk;
    order[i] = i;
    counts[l >>> 16 & 4095]++;
    counts[4096 + ((l >>> 28 | hk << 4) & 4095)]++;
    counts[8192 + (hk >>> 8 & 4095)]++;
    counts[12288 + (hk >>> 20)]++;
  }
  const digit = (pass, l, h) => pass === 0 ? l >>> 16 & 4095 : pass === 1 ? (l >>> 28 | h << 4) & 4095 : pass === 2 ? h >>> 8 & 4095 : h >>> 20;
  let loOut = new Uint32Array(n);
  let hiOut = new Uint32Array(n);
  let orderOut = new Uint32Array(n);
  const positions = new Uint32Array(4096);
  for (let pass = 0; pass < 4; pass++) {
    const base = pass * 4096;
    if (counts[base + digit(pass, lo[0], hi[0])] === n) continue;
    let running = 0;
    for (let d = 0; d < 4096; d++) {
      positions[d] = running;
      running += counts[base + d];
    }
    for (let i = 0; i < n; i++) {
      const l = lo[i];
      const h = hi[i];
      const at = positions[digit(pass, l, h)]++;
      loOut[at] = l;
      hiOut[at] = h;
      orderOut[at] = order[i];
    }
    [lo, loOut] = [loOut, lo];
    [hi, hiOut] = [hiOut, hi];
    [order, orderOut] = [orderOut, order];
  }
  for (let start = 0; start < n; ) {
    let end = start + 1;
    while (end < n && hi[end] === hi[start] && lo[end] >>> 16 === lo[start] >>> 16) end++;
    for (let j = start + 1; j < end; j++) {
      const l = lo[j];
      const o = order[j];
      let k = j - 1;
      while (k >= start && (lo[k] & 65535) > (l & 65535)) {
        lo[k + 1] = lo[k];
        order[k + 1] = order[k];
        k--;
      }
      lo[k + 1] = l;
      order[k + 1] = o;
    }
    start = end;
  }
  return { order, hi, lo };
}
var WeightedScoreMetrics = class {
  constructor(model) {
    this.model = model;
    this.positiveWeight = new Float64Array(model.groups);
    this.negativeWeight = new Float64Array(model.groups);
  }
  model;
  positiveWeight;
  negativeWeight;
  /** Fills the per-group weights from row weights (none: every row weight 1). */
  accumulate(isPositive, weights) {
    const { groupOf } = this.model;
    const pos = this.positiveWeight;
    const neg = this.negativeWeight;
    if (!weights) {
      pos.set(this.model.positives);
      neg.set(this.model.negatives);
      return;
    }
    pos.fill(0);
    neg.fill(0);
    for (let i = 0; i < groupOf.length; i++) {
      const w = weights[i];
      if (w === 0) continue;
      if (isPositive[i]) pos[groupOf[i]] += w;
      else neg[groupOf[i]] += w;
    }
  }
  /**
   * roc_auc_score: the trapezoidal area under the ROC curve, which with tied scores is the Mann-Whitney
   * statistic with ties counted one half. NaN when a class has no weight (sklearn raises).
   */
  rocAuc() {
    const pos = this.positiveWeight;
    const neg = this.negativeWeight;
    let negativesBelow = 0;
    let positives = 0;
    let area = 0;
    for (let g = 0; g < pos.length; g++) {
      area += pos[g] * (negativesBelow + 0.5 * neg[g]);
      negativesBelow += neg[g];
      positives += pos[g];
    }
    if (positives === 0 || negativesBelow === 0) return Number.NaN;
    return area / (positives * negativesBelow);
  }
  /**
   * average_precision_score: sum over distinct thresholds (descending) of the recall step times the
   * precision there. Without positive weight, scikit-learn 1.2.1 warns and returns 0.
   */
  averagePrecision() {
    const pos = this.positiveWeight;
    const neg = this.negativeWeight;
    let tp = 0;
    let fp = 0;
    let sum = 0;
    for (let g = pos.length - 1; g >= 0; g--) {
      const p = pos[g];
      tp += p;
      fp += neg[g];
      if (p > 0) sum += p * tp / (tp + fp);
    }
    return tp === 0 ? 0 : sum / tp;
  }
};
function scoreReplicates(input, metrics, resamples, seed) {
  const n = input.labels.length;
  const positive = input.positive;
  const isPositive = new Uint8Array(n);
  let positives = 0;
  for (let i = 0; i < n; i++) {
    if (input.labels[i] === positive) {
      isPositive[i] = 1;
      positives++;
    }
  }
  const candidate = new WeightedScoreMetrics(scoreGroups(input.candidate.scores, isPositive));
  const baseline = new WeightedScoreMetrics(scoreGroups(input.baseline.scores, isPositive));
  const lossDifference = new Float64Array(n);
  for (let i = 0; i < n; i++) lossDifference[i] = candidate.model.loss[i] - baseline.model.loss[i];
  const requested = input.method ?? "auto";
  const method = requested !== "auto" ? requested : n <= EXACT_MAX_ROWS || min2(positives, n - positives) < LINEARIZED_MIN_CLASS_ROWS ? "exact" : "linearized";
  const wantsRanking = metrics.includes("roc_auc") || metrics.includes("average_precision");
  const wantsLoss = metrics.includes("log_loss");
  const deltasOf = (weights2) => {
    let lossDelta = 0;
    if (wantsLoss) {
      if (weights2) for (let i = 0; i < n; i++) lossDelta += weights2[i] * lossDifference[i];
      else for (let i = 0; i < n; i++) lossDelta += lossDifference[i];
    }
    if (!wantsRanking) return { roc_auc: Number.NaN, average_precision: Number.NaN, log_loss: lossDelta / n };
    candidate.accumulate(isPositive, weights2);
    baseline.accumulate(isPositive, weights2);
    return {
      roc_auc: candidate.rocAuc() - baseline.rocAuc(),
      average_precision: candidate.averagePrecision() - baseline.averagePrecision(),
      log_loss: lossDelta / n
    };
  };
  const pointDeltas = deltasOf();
  const out = /* @__PURE__ */ new Map();
  if (method === "exact") {
    const deltaArrays = metrics.map((metric) => {
      const deltas = new Float64Array(resamples);
      out.set(metric, { deltas, delta: pointDeltas[metric], method });
      return deltas;
    });
    const weights2 = new Int32Array(n);
    for (let r = 0; r < resamples; r++) {
      drawRowWeights(new SeededRandom(seed, STREAM.rows, r), weights2);
      const deltas = deltasOf(weights2);
      for (let m = 0; m < metrics.length; m++) deltaArrays[m][r] = deltas[metrics[m]];
    }
    return out;
  }
  const influence = /* @__PURE__ */ new Map();
  if (metrics.includes("log_loss"))
    influence.set(
      "log_loss",
      lossDifference.map((d) => d / n)
    );
  for (const metric of metrics) {
    if (metric === "log_loss") continue;
    const perGroup = [candidate, baseline].map((model) => {
      model.accumulate(isPositive);
      return metric === "roc_auc" ? aucInfluence(model) : averagePrecisionInfluence(model);
    });
    const [c, b] = perGroup;
    const groupOfCandidate = candidate.model.groupOf;
    const groupOfBaseline = baseline.model.groupOf;
    const x = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      x[i] = isPositive[i] ? c.positive[groupOfCandidate[i]] - b.positive[groupOfBaseline[i]] : c.negative[groupOfCandidate[i]] - b.negative[groupOfBaseline[i]];
    }
    influence.set(metric, x);
  }
  const linearizationError = new Map(metrics.map((m) => [m, 0]));
  const checks = input.linearizationChecks ?? LINEARIZATION_CHECKS;
  const weights = new Int32Array(n);
  for (let r = 0; r < checks; r++) {
    drawRowWeights(new SeededRandom(seed, STREAM.check, r), weights);
    const exact = deltasOf(weights);
    for (const metric of metrics) {
      const x = influence.get(metric);
      let linear = pointDeltas[metric];
      for (let i = 0; i < n; i++) linear += (weights[i] - 1) * x[i];
      const error = abs3(exact[metric] - linear);
      if (error > linearizationError.get(metric)) linearizationError.set(metric, error);
    }
  }
  for (const metric of metrics) {
    const grouped = groupedSum(influence.get(metric), LINEARIZED_GROUPS);
    const deltas = new Float64Array(resamples);
    const offset = pointDeltas[metric] - grouped.total;
    for (let r = 0; r < resamples; r++) {
      deltas[r] = offset + grouped.draw(new SeededRandom(seed, STREAM[metric], r), n);
    }
    out.set(metric, {
      deltas,
      delta: pointDeltas[metric],
      method,
      approximation: {
        groups: grouped.groups,
        withinGroupVarianceShare: grouped.withinShare,
        checkResamples: checks,
        linearizationError: checks > 0 ? linearizationError.get(metric) : null
      }
    });
  }
  return out;
}
function drawRowWeights(random, weights) {
  const n = weights.length;
  weights.fill(0);
  for (let t = 0; t < n; t++) weights[random.nextIndex(n)]++;
}
function aucInfluence(model) {
  const pos = model.positiveWeight;
  const neg = model.negativeWeight;
  const groups = pos.length;
  let positives = 0;
  let negatives = 0;
  for (let g = 0; g < groups; g++) {
    positives += pos[g];
    negatives += neg[g];
  }
  const auc = model.rocAuc();
  const positive = new Float64Array(groups);
  const negative = new Float64Array(groups);
  let negativesBelow = 0;
  let positivesAbove = positives;
  for (let g = 0; g < groups; g++) {
    positivesAbove -= pos[g];
    positive[g] = ((negativesBelow + 0.5 * neg[g]) / negatives - auc) / positives;
    negative[g] = ((positivesAbove + 0.5 * pos[g]) / positives - auc) / negatives;
    negativesBelow += neg[g];
  }
  return { positive, negative };
}
function averagePrecisionInfluence(model) {
  const pos = model.positiveWeight;
  const neg = model.negativeWeight;
  const groups = pos.length;
  const ap = model.averagePrecision();
  const precision = new Float64Array(groups);
  const fpTerm = new Float64Array(groups);
  const tpTerm = new Float64Array(groups);
  let tp = 0;
  let fp = 0;
  for (let g = groups - 1; g >= 0; g--) {
    tp += pos[g];
    fp += neg[g];
    const predicted = tp + fp;
    precision[g] = tp / predicted;
    fpTerm[g] = pos[g] * fp / (predicted * predicted);
    tpTerm[g] = pos[g] * tp / (predicted * predicted);
  }
  const positives = tp;
  const positive = new Float64Array(groups);
  const negative = new Float64Array(groups);
  if (positives === 0) return { positive, negative };
  let fpBelow = 0;
  let tpBelow = 0;
  for (let g = 0; g < groups; g++) {
    fpBelow += fpTerm[g];
    tpBelow += tpTerm[g];
    positive[g] = (precision[g] - ap + fpBelow) / positives;
    negative[g] = -tpBelow / positives;
  }
  return { positive, negative };
}
function groupedSum(values, maxGroups) {
  const n = values.length;
  const sorted = sortFloat64InPlace(Float64Array.from(values));
  let total = 0;
  for (let i = 0; i < n; i++) total += sorted[i];
  const overallMean = total / n;
  let spread = 0;
  for (let i = 0; i < n; i++) spread += (sorted[i] - overallMean) ** 2;
  const rowCap = n <= maxGroups ? 1 : 2 * n / maxGroups;
  const massCap = 2 * spread / maxGroups;
  const sizes = [];
  const means = [];
  const variances = [];
  let within = 0;
  const close = (start2, end) => {
    let sum = 0;
    for (let i = start2; i < end; i++) sum += sorted[i];
    const mean = sum / (end - start2);
    let squares = 0;
    for (let i = start2; i < end; i++) squares += (sorted[i] - mean) ** 2;
    sizes.push(end - start2);
    means.push(mean);
    variances.push(squares / (end - start2));
    within += squares;
  };
  let start = 0;
  let mass = 0;
  for (let i = 0; i < n; i++) {
    const deviation = (sorted[i] - overallMean) ** 2;
    if (i > start && (i - start >= rowCap || mass + deviation > massCap)) {
      close(start, i);
      start = i;
      mass = 0;
    }
    mass += deviation;
  }
  close(start, n);
  const groups = sizes.length;
  const groupSizes = Float64Array.from(sizes);
  const groupMeans = Float64Array.from(means);
  const groupVariances = Float64Array.from(variances);
  const drawn = new Float64Array(groups);
  return {
    groups,
    total,
    withinShare: spread === 0 ? 0 : within / spread,
    draw(random, draws) {
      random.multinomial(draws, groupSizes, drawn);
      let sum = 0;
      let variance = 0;
      for (let g = 0; g < groups; g++) {
        const m = drawn[g];
        sum += m * groupMeans[g];
        variance += m * groupVariances[g];
      }
      return variance > 0 ? sum + sqrt3(variance) * random.nextNormal() : sum;
    }
  };
}

// packages/core/src/report/report-id.ts
var reportIdMaxLength = 128;
var unsafe = /[<>\p{Cc}]/u;
var reportOptions = {
  reportId: string().trim().min(1).max(reportIdMaxLength).refine(
    (id) => !unsafe.test(id),
    "may not contain <, > or control characters (it is kept in an HTML comment)"
  ).optional().describe(
    "Which PR/MR comment this job's report keeps updating; by default the CI job's name (GitLab job, GitHub job and step id, Jenkins stage), so two jobs of one step keep one comment each."
  )
};
function reportIdFromJobName(name) {
  const id = name?.replace(new RegExp(unsafe.source, "gu"), "_").trim().slice(0, reportIdMaxLength);
  return id ? id : void 0;
}

// packages/core/src/report/alert.ts
var alertKinds = ["issue"];
var alertOption = _enum(alertKinds).optional().describe(
  "Raise an alert when the run fails, for scheduled pipelines without a PR/MR: issue keeps one issue per model and alias (else per report id) on GitHub or GitLab, updated on each failing run and closed when a run passes. Where no issue tracker is known (Jenkins, plain CLI), the report file is the alert."
);
function alertFor(kind, step, subject, reportId) {
  const key = reportIdFromJobName(subject) ?? reportId;
  return {
    kind,
    marker: key === void 0 ? `<!-- mlci-alert:${step} -->` : `<!-- mlci-alert:${step}:${key} -->`,
    title: key === void 0 ? `mlci ${step} alert` : `mlci ${step} alert: ${key}`
  };
}
function reportFileAlert(report, alert, logger, where) {
  if (alert === void 0 || report.result.status === "passed") return;
  logger.info(
    `alert: mlci keeps no issue ${where}; the alert is the report ${report.files.markdown} (the run fails with exit code 1: notify from the pipeline on failure)`
  );
}

// packages/core/src/stats/mcnemar.ts
var { abs: abs4, exp: exp3, log: log4, min: min3, PI: PI2, sqrt: sqrt4 } = Math;
var MCNEMAR_EXACT_BELOW = 25;
function mcnemarTest(b, c, method = "auto") {
  for (const [name, value] of [
    ["b", b],
    ["c", c]
  ]) {
    if (!Number.isSafeInteger(value) || value < 0)
      throw new RangeError(`McNemar: ${name} must be a count (a non-negative integer), got ${value}`);
  }
  const n = b + c;
  const chosen = method === "auto" ? n < MCNEMAR_EXACT_BELOW ? "exact" : "chi-square" : method;
  if (n === 0) return { statistic: 0, pValue: 1, method: chosen, b, c };
  if (chosen === "chi-square") {
    const statistic = (abs4(b - c) - 1) ** 2 / n;
    return { statistic, pValue: chiSquareSurvival(statistic, 1), method: chosen, b, c };
  }
  const k = min3(b, c);
  const pValue = 2 * k === n ? 1 : min3(1, 2 * binomialHalfCdf(k, n));
  return { statistic: k, pValue, method: chosen, b, c };
}
var EXACT_SUM_MAX_N = 50;
function binomialHalfCdf(k, n) {
  if (n <= EXACT_SUM_MAX_N) {
    let term2 = 1;
    let sum2 = 1;
    for (let i = 1; i <= k; i++) {
      term2 = term2 * (n - i + 1) / i;
      sum2 += term2;
    }
    return sum2 / 2 ** n;
  }
  let term = binomialHalfPmf(k, n);
  let sum = term;
  for (let i = k; i > 0 && term > sum * 1e-17; i--) {
    term *= i / (n - i + 1);
    sum += term;
  }
  return sum;
}
function binomialHalfPmf(k, n) {
  if (k === 0) return 2 ** -n;
  const half = n / 2;
  const logValue = stirlingError(n) - stirlingError(k) - stirlingError(n - k) - deviance(k, half) - deviance(n - k, half);
  return exp3(logValue) * sqrt4(n / (2 * PI2 * k * (n - k)));
}
var LOG_SQRT_2PI2 = 0.5 * log4(2 * PI2);
function stirlingError(n) {
  if (n <= 15) return logGamma(n + 1) - (n + 0.5) * log4(n) + n - LOG_SQRT_2PI2;
  const nn = n * n;
  return (1 / 12 - (1 / 360 - (1 / 1260 - (1 / 1680 - 1 / 1188 / nn) / nn) / nn) / nn) / n;
}
function deviance(x, np) {
  if (abs4(x - np) < 0.1 * (x + np)) {
    let v = (x - np) / (x + np);
    let s = (x - np) * v;
    let ej = 2 * x * v;
    v *= v;
    for (let j = 1; j < 1e3; j++) {
      ej *= v;
      const next = s + ej / (2 * j + 1);
      if (next === s) return next;
      s = next;
    }
    return s;
  }
  return x * log4(x / np) + np - x;
}

// packages/core/src/steps/validate-data/input.ts
var dataFormats = ["csv", "tsv", "jsonl", "parquet"];
var defaultMaxLineSize = 2e6;
var maxMaxLineSize = 1e9;
var driftTests = ["auto", "ks", "chi-square", "wasserstein", "jensen-shannon", "psi"];
var validateDataInput = object({
  data: string().min(1).optional().describe("Data file to check: CSV, TSV, JSON Lines (.jsonl, .ndjson) or Parquet."),
  schema: string().min(1).optional().describe("Schema file (YAML) the data must satisfy."),
  inferSchema: string().min(1).optional().describe(
    "Write a starting schema inferred from the data to this file (YAML), then check the data against it."
  ),
  force: boolean().default(false).describe("Allow infer-schema and write-profile to replace a file that already exists."),
  format: _enum(dataFormats).optional().describe("Format of the data file; by default taken from its extension."),
  reference: string().min(1).optional().describe(
    "Reference to compare the data with for drift: a data file, or a profile from write-profile."
  ),
  writeProfile: string().min(1).optional().describe(
    "Write the data's profile (counts, quantile bin edges, category frequencies, digest) to this JSON file, to pin as a reference or merge."
  ),
  mergeProfiles: array(string().min(1)).default([]).describe(
    "Profiles of the partitions of one data set (from write-profile) to check as a whole instead of data."
  ),
  test: string().min(1).optional().describe(
    "Test set to check with data as the training set: duplicates, overlap, conflicting labels, unseen categories, leakage."
  ),
  label: string().min(1).optional().describe("Label column of data and test, for the train/test checks."),
  driftTest: _enum(driftTests).default("auto").describe(
    "Drift test for columns whose schema names none; auto picks by column type and reference size."
  ),
  driftThreshold: number().positive().optional().describe(
    "Drift threshold for columns whose schema sets none: a p-value for ks and chi-square (drift at p <= it), a distance for the others (drift at >= it)."
  ),
  driftShare: number().min(0).max(1).default(0.5).describe(
    "The data set has drifted, and the gate fails, when at least this share of compared columns drift."
  ),
  maxLineSize: number().int().min(1).max(maxMaxLineSize).default(defaultMaxLineSize).describe(
    "Longest record of a CSV/TSV file read, in bytes (DuckDB's max_line_size); raise it for data with very long fields."
  ),
  ...reportOptions,
  out: string().min(1).default(".mlci").describe("Directory the report files are written to."),
  alert: alertOption
}).superRefine((input, context) => {
  const issue = (path, message) => context.addIssue({ code: "custom", path: [path], message });
  const merging = input.mergeProfiles.length > 0;
  if (input.data === void 0 && !merging) issue("data", "is required (or merge-profiles)");
  if (input.data !== void 0 && merging)
    issue("mergeProfiles", "replaces data: give one of them, not both");
  if (input.schema !== void 0 && input.inferSchema !== void 0) {
    issue("inferSchema", "writes a schema: give schema or infer-schema, not both");
  }
  if (merging && input.inferSchema !== void 0) {
    issue("inferSchema", "needs the rows: it cannot infer a schema from merged profiles");
  }
  if (merging && input.test !== void 0)
    issue("test", "needs the rows: it cannot run on merged profiles");
  if (input.label !== void 0 && input.test === void 0) issue("label", "needs test (the test set)");
  const tasks = [input.schema, input.inferSchema, input.reference, input.test, input.writeProfile];
  if (tasks.every((task) => task === void 0) && (input.data !== void 0 || merging)) {
    issue(
      merging ? "mergeProfiles" : "data",
      "nothing to do with it: give schema, infer-schema, reference, test or write-profile"
    );
  }
});

// packages/core/src/steps/validate-data/data.ts
import { stat } from "node:fs/promises";
import { tmpdir as tmpdir2 } from "node:os";
import { extname, join as join3 } from "node:path";

// packages/core/src/io/duckdb-path.ts
import { symlink } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
var patternCharacters = process.platform === "win32" ? /[*?[\]{}]/ : /[*?[\]{}\\]/;
function isLiteralForDuckDB(path) {
  return !patternCharacters.test(path);
}
function literalPaths() {
  let directory;
  let count2 = 0;
  return {
    async pathFor(path, file) {
      if (isLiteralForDuckDB(path)) return path;
      directory ??= makeScratchDirectory(join(tmpdir(), "mlci-data-"));
      const { path: dir } = await directory.catch((error) => {
        throw new InputError(
          `${file}: the path holds characters DuckDB reads as a pattern (* ? [ ] { }) and no private directory for a link to it can be made in ${tmpdir()} (${error.code ?? "error"}); rename the file or set TMPDIR`
        );
      });
      if (!isLiteralForDuckDB(dir)) {
        throw new InputError(
          `${file}: the path holds characters DuckDB reads as a pattern (* ? [ ] { }) and so does the temporary directory ${dir}; rename the file or set TMPDIR to a plain directory`
        );
      }
      const extensions = /(\.[A-Za-z0-9]+)*$/.exec(basename(path))?.[0] ?? "";
      const link = join(dir, `file-${++count2}${extensions}`);
      try {
        await symlink(path, link, "file");
      } catch (error) {
        throw new InputError(
          `${file}: the path holds characters DuckDB reads as a pattern (* ? [ ] { }) and a link to read it literally cannot be made (${error.code ?? "error"}); rename the file`
        );
      }
      return link;
    },
    async dispose() {
      await (await directory?.catch(() => void 0))?.remove();
    }
  };
}

// packages/core/src/steps/validate-data/csv-diagnosis.ts
import { closeSync, openSync, readSync } from "node:fs";
function scanCsv(path, delimiter, onRecord) {
  const fd = openSync(path, "r");
  try {
    const buffer = Buffer.alloc(1 << 20);
    const quote = 34;
    const separator = delimiter.charCodeAt(0);
    let line = 1;
    let recordLine = 1;
    let fields = 1;
    let inQuotes = false;
    let quoteOpenedAt = 0;
    let pendingQuote = false;
    let atRecordStart = true;
    let previousCR = false;
    let offset = 0;
    let recordStart = 0;
    for (; ; ) {
      const read = readSync(fd, buffer, 0, buffer.length, null);
      if (read === 0) break;
      for (let i = 0; i < read; i++) {
        const byte = buffer[i];
        const crlf = previousCR && byte === 10;
        previousCR = byte === 13;
        if (crlf) {
          if (atRecordStart) recordStart = offset + i + 1;
          continue;
        }
        if (pendingQuote) {
          pendingQuote = false;
          if (byte === quote) continue;
          inQuotes = false;
        }
        if (inQuotes) {
          if (byte === quote) pendingQuote = true;
          else if (byte === 10 || byte === 13) line++;
          continue;
        }
        if (byte === 10 || byte === 13) {
          const bytes = offset + i - recordStart;
          if (onRecord({ line: recordLine, fields, blank: atRecordStart && fields === 1, bytes })) return {};
          fields = 1;
          atRecordStart = true;
          recordStart = offset + i + 1;
          line++;
          recordLine = line;
          continue;
        }
        atRecordStart = false;
        if (byte === separator) fields++;
        else if (byte === quote) {
          inQuotes = true;
          quoteOpenedAt = line;
        }
      }
      offset += read;
    }
    if (inQuotes && !pendingQuote) return { unclosedQuoteLine: quoteOpenedAt };
    if (!atRecordStart) onRecord({ line: recordLine, fields, blank: false, bytes: offset - recordStart });
    return {};
  } finally {
    closeSync(fd);
  }
}
function diagnoseCsv(path, delimiter) {
  let expected;
  let found;
  const { unclosedQuoteLine } = scanCsv(path, delimiter, (record2) => {
    if (record2.blank) return false;
    if (expected === void 0) expected = record2.fields;
    else if (record2.fields !== expected) {
      found = { line: record2.line, problem: `${record2.fields} fields where the header has ${expected}` };
      return true;
    }
    return false;
  });
  if (found) return found;
  if (unclosedQuoteLine !== void 0)
    return { line: unclosedQuoteLine, problem: "a quote opened here is never closed" };
  return void 0;
}
function longRecord(path, delimiter, maxBytes) {
  let found;
  scanCsv(path, delimiter, (record2) => {
    if (record2.bytes <= maxBytes) return false;
    found = { line: record2.line, problem: `a record of ${record2.bytes} bytes` };
    return true;
  });
  return found;
}
function csvHeader(path, delimiter, maxBytes) {
  let length;
  scanCsv(path, delimiter, (record2) => {
    length = record2.bytes;
    return true;
  });
  if (length === void 0 || length > maxBytes) return void 0;
  const fd = openSync(path, "r");
  let text;
  try {
    const buffer = Buffer.alloc(length);
    let filled = 0;
    while (filled < length) {
      const read = readSync(fd, buffer, filled, length - filled, filled);
      if (read === 0) break;
      filled += read;
    }
    text = buffer.subarray(0, filled).toString("utf8").replace(/^\uFEFF/, "");
  } finally {
    closeSync(fd);
  }
  const labels = [];
  let label = "";
  let inQuotes = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (inQuotes) {
      if (char !== '"') label += char;
      else if (text[i + 1] === '"') {
        label += '"';
        i++;
      } else inQuotes = false;
    } else if (char === '"') inQuotes = true;
    else if (char === delimiter) {
      labels.push(label);
      label = "";
    } else label += char;
  }
  labels.push(label);
  return labels;
}
function csvRowLines(path, delimiter, rows) {
  const wanted = new Set(rows);
  const lines = /* @__PURE__ */ new Map();
  if (wanted.size === 0) return lines;
  const last = Math.max(...wanted);
  let row = -1;
  scanCsv(path, delimiter, (record2) => {
    row++;
    if (wanted.has(row)) lines.set(row, record2.line);
    return row >= last;
  });
  return lines;
}

// packages/core/src/steps/validate-data/duckdb.ts
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { homedir } from "node:os";
import { join as join2 } from "node:path";
import { pathToFileURL } from "node:url";
var duckdbVersion = "1.5.6-r.1";
var loading;
function loadDuckDB(logger) {
  loading ??= importDuckDB(logger).catch((error) => {
    loading = void 0;
    throw error;
  });
  return loading;
}
function duckdbCacheDir() {
  return join2(process.env.MLCI_TOOL_CACHE ?? join2(homedir(), ".cache"), "mlci", `duckdb-${duckdbVersion}`);
}
function missingNativeBinding(error) {
  const code = error?.code;
  if (code !== "MODULE_NOT_FOUND" && code !== "ERR_MODULE_NOT_FOUND") return void 0;
  return /Cannot find (?:module|package) '(@duckdb\/node-bindings-[^/']+)/.exec(firstLine(error))?.[1];
}
async function importDuckDB(logger) {
  try {
    return moduleOf(await import("@duckdb/node-api"));
  } catch (error) {
    if (error instanceof MlciError) throw error;
    const binding = missingNativeBinding(error);
    if (binding !== void 0) {
      throw new ServiceError(
        `${binding} (DuckDB's native library for ${process.platform}-${process.arch}) is not installed: npm leaves it out with --omit=optional; install @mlci/cli again without --omit=optional`
      );
    }
    logger.debug(`@duckdb/node-api is not loadable from node_modules (${firstLine(error)})`);
  }
  const dir = duckdbCacheDir();
  const resolveFrom = (root) => createRequire(join2(root, "package.json")).resolve("@duckdb/node-api");
  if (!existsSync(join2(dir, "node_modules", "@duckdb", "node-api", "package.json")))
    await install(dir, logger);
  try {
    return moduleOf(await import(pathToFileURL(resolveFrom(dir)).href));
  } catch (error) {
    throw new ServiceError(`cannot load @duckdb/node-api@${duckdbVersion} from ${dir}: ${firstLine(error)}`);
  }
}
function moduleOf(loaded) {
  const namespace = loaded;
  return namespace.DuckDBInstance ? namespace : namespace.default;
}
async function install(dir, logger) {
  const staging = `${dir}.partial-${randomBytes(4).toString("hex")}`;
  const interrupted = removeOnInterrupt(staging);
  logger.info(`installing @duckdb/node-api@${duckdbVersion} into ${dir} (once per machine)`);
  try {
    await mkdir(staging, { recursive: true });
    await runNpm([
      "install",
      "--no-save",
      "--no-audit",
      "--no-fund",
      "--no-package-lock",
      "--prefix",
      staging,
      `@duckdb/node-api@${duckdbVersion}`
    ]);
    await movePath(staging, dir).catch(async (error) => {
      if (!existsSync(join2(dir, "node_modules", "@duckdb", "node-api", "package.json"))) throw error;
    });
    logger.info(`installed @duckdb/node-api@${duckdbVersion}`);
  } catch (error) {
    throw new ServiceError(
      `cannot install @duckdb/node-api@${duckdbVersion} into ${dir}: ${firstLine(error)}`
    );
  } finally {
    await rm(staging, { recursive: true, force: true }).catch(() => {
    });
    interrupted.release();
  }
}
function runNpm(args) {
  const windows = process.platform === "win32";
  return new Promise((resolve, reject) => {
    execFile(
      windows ? "npm.cmd" : "npm",
      args,
      { shell: windows, timeout: 10 * 6e4, maxBuffer: 16 << 20 },
      (error, _stdout, stderr) => {
        if (!error) return resolve();
        const npmError = stderr.split("\n").find((line) => line.startsWith("npm error") || line.startsWith("npm ERR"));
        reject(new Error(npmError ?? firstLine(error)));
      }
    );
  });
}

// packages/core/src/steps/validate-data/header.ts
function madeUpNames(columns) {
  const lower = new Set(columns.map((name) => name.toLowerCase()));
  return columns.filter((name) => {
    if (/^(C|column)\d+$/.test(name)) return true;
    const base = /^(.*)_\d+$/.exec(name)?.[1];
    return base !== void 0 && lower.has(base.toLowerCase());
  });
}
async function labelProblems(source) {
  if (source.format === "csv" || source.format === "tsv") {
    const labels2 = csvHeader(source.path, source.format === "tsv" ? "	" : ",", source.maxLineSize);
    if (!labels2 || labels2.length !== source.columns.length) return [];
    const columns = source.columns;
    return problemsOf(
      labels2.map((label, index) => ({ label: label.trim(), field: index + 1 })),
      (found) => found.map((label) => columns[label.field - 1])
    );
  }
  const invented = madeUpNames(source.columns);
  if (invented.length === 0) return [];
  const labels = source.format === "jsonl" ? await jsonKeys(source) : await parquetFields(source);
  const read = new Set(source.columns);
  const written = new Set(labels);
  const renamed = invented.filter((name) => !written.has(name));
  return problemsOf(
    labels.map((label) => ({ label })),
    (found) => found[0]?.label.trim() === "" ? renamed.filter((name) => /^(C|column)\d+$/.test(name)) : [
      ...new Set(found.map((label) => label.label).filter((label) => read.has(label))),
      ...renamed.filter(
        (name) => found.some((label) => name.toLowerCase().startsWith(`${label.label.toLowerCase()}_`))
      )
    ]
  );
}
function problemsOf(labels, readAs) {
  const problems = [];
  const fields = (found) => found.every((label) => label.field !== void 0) ? { fields: found.map((label) => label.field) } : {};
  const where = (found) => found.every((label) => label.field !== void 0) ? ` (${found.length === 1 ? "field" : "fields"} ${found.map((label) => label.field).join(", ")})` : "";
  const blanks = labels.filter((label) => label.label.trim() === "");
  const blankAs = readAs(blanks);
  if (blanks.length > 0 && blanks.every((label) => label.field !== void 0)) {
    for (const [index, blank] of blanks.entries()) {
      const as = blankAs[index];
      problems.push({
        name: "blank-label",
        label: blank.label,
        ...fields([blank]),
        readAs: as === void 0 ? [] : [as],
        message: `a column has no name${where([blank])}${as ? `; DuckDB would call it ${as}` : ""}`
      });
    }
  } else if (blanks.length > 0) {
    problems.push({
      name: "blank-label",
      label: blanks[0]?.label,
      readAs: blankAs,
      message: `a key is empty${blankAs.length > 0 ? `; DuckDB would call it ${blankAs.join(", ")}` : ""}`
    });
  }
  const groups = /* @__PURE__ */ new Map();
  for (const label of labels) {
    if (label.label.trim() === "") continue;
    const key = label.label.toLowerCase();
    groups.set(key, [...groups.get(key) ?? [], label]);
  }
  for (const found of groups.values()) {
    if (found.length < 2) continue;
    const names = [...new Set(found.map((label) => label.label))];
    const as = readAs(found);
    const what = names.length === 1 ? `${shown(names[0])} names ${found.length} columns` : `${names.map(shown).join(" and ")} differ only in case, which SQL names do not tell apart`;
    problems.push({
      name: "duplicate-label",
      label: found[0]?.label,
      ...fields(found),
      readAs: as,
      message: `${what}${where(found)}${as.length > 0 ? `; DuckDB would read them as ${as.map(plainName).join(", ")}` : ""}`
    });
  }
  return problems;
}
var controlCharacter = /[\u0000-\u001f\u007f]/;
function shown(label) {
  return controlCharacter.test(label) ? JSON.stringify(label) : `'${label}'`;
}
function plainName(name) {
  return controlCharacter.test(name) ? JSON.stringify(name) : name;
}
async function jsonKeys(source) {
  const rows = await source.query(
    `SELECT DISTINCT unnest(json_keys(json)) AS key FROM read_ndjson_objects(${source.sqlPath}) ORDER BY key`
  );
  return rows.map((row) => String(row.key));
}
async function parquetFields(source) {
  const rows = await source.query(`SELECT name, num_children FROM parquet_schema(${source.sqlPath})`);
  const names = [];
  let skip = 0;
  for (const row of rows.slice(1)) {
    if (skip > 0) {
      skip += Number(row.num_children ?? 0) - 1;
      continue;
    }
    names.push(String(row.name));
    skip = Number(row.num_children ?? 0);
  }
  return names;
}
function labelChecks(file, format, problems) {
  return problems.map((problem) => ({
    name: problem.name,
    ...problem.label.trim() === "" ? {} : { column: problem.label },
    status: "failed",
    severity: "error",
    message: `${file}: ${problem.message}`,
    ...problem.readAs.length > 0 ? { observed: problem.readAs } : {},
    location: { file, ...format === "csv" || format === "tsv" ? { line: 1 } : {} }
  }));
}

// packages/core/src/steps/validate-data/data.ts
var formatsByExtension = {
  ".csv": "csv",
  ".tsv": "tsv",
  ".jsonl": "jsonl",
  ".ndjson": "jsonl",
  ".parquet": "parquet"
};
var formatLabels = {
  csv: "CSV",
  tsv: "TSV",
  jsonl: "JSON Lines",
  parquet: "Parquet"
};
function formatOf(file, explicit) {
  if (explicit) return explicit;
  const format = formatsByExtension[extname(file).toLowerCase()];
  if (!format) {
    throw new InputError(
      `${file}: unknown data format (expected .csv, .tsv, .jsonl, .ndjson or .parquet, or give --format)`
    );
  }
  return format;
}
var relations = { data: "mlci_data", reference: "mlci_reference", test: "mlci_test" };
function quoteIdentifier(name) {
  return `"${name.replace(/"/g, '""')}"`;
}
function quoteText(text) {
  return `'${text.replace(/'/g, "''")}'`;
}
var SampleTooSmall = class extends Error {
  constructor(message, file) {
    super(message);
    this.file = file;
  }
  file;
};
function withData(options, work) {
  return withDatasets([options], options.logger, ([table2]) => work(table2), options.progress);
}
async function withDatasets(sources, logger, work, progress) {
  const names = new Set(sources.map((source) => source.relation ?? relations.data));
  if (names.size !== sources.length) throw new Error("withDatasets: two sources with one relation name");
  for (const source of sources) await checkReadable(source);
  const links = literalPaths();
  try {
    const literal3 = [];
    for (const source of sources)
      literal3.push({ ...source, duckdbPath: await links.pathFor(source.path, source.file) });
    return await openDatasets(literal3, logger, work, progress);
  } finally {
    await links.dispose();
  }
}
async function openDatasets(sources, logger, work, progress) {
  const duckdb = await loadDuckDB(logger);
  const instance = await duckdb.DuckDBInstance.create(":memory:");
  const spillDirectory = await makeScratchDirectory(join3(tmpdir2(), "mlci-duckdb-"));
  const spill = spillDirectory.path;
  try {
    const connection = await instance.connect();
    try {
      await connection.run(`SET TimeZone = 'UTC'`);
      await connection.run(`SET temp_directory = ${quoteText(spill)}`);
      if (progress)
        await connection.run("SET enable_progress_bar = true; SET enable_progress_bar_print = false");
      const label = `scanning ${sources.map((source) => source.file).join(", ")}`;
      const tracked = async (query) => {
        if (!progress) return query;
        const timer = setInterval(() => {
          const { percentage } = connection.progress;
          if (percentage > 0) progress.update(label, Math.min(percentage, 100) / 100);
        }, 500);
        try {
          return await query;
        } finally {
          clearInterval(timer);
          progress.done();
        }
      };
      const open = async (source, wholeFile) => {
        const relation = source.relation ?? relations.data;
        const run = async (sql) => {
          try {
            const reader2 = await tracked(connection.runAndReadAll(sql));
            return reader2.getRowObjectsJS();
          } catch (error) {
            throw readError(error, source, wholeFile);
          }
        };
        const described = await run(`DESCRIBE SELECT * FROM ${reader(source, wholeFile, [])}`);
        const columns = described.map((row) => ({
          name: String(row.column_name),
          type: String(row.column_type)
        }));
        const found = await labelProblems({
          format: source.format,
          path: source.path,
          sqlPath: quoteText(source.duckdbPath),
          columns: columns.map((column) => column.name),
          maxLineSize: source.maxLineSize ?? defaultMaxLineSize,
          query: run
        });
        const present = new Set(columns.map((column) => column.name));
        const textColumns = (source.textColumns ?? []).filter((name) => present.has(name));
        await run(
          `CREATE OR REPLACE TEMP VIEW ${relation} AS SELECT * FROM ${reader(source, wholeFile, textColumns)}`
        );
        const text = new Set(textColumns);
        return {
          relation,
          file: source.file,
          path: source.path,
          format: source.format,
          columns: columns.map((column) => text.has(column.name) ? { ...column, type: "VARCHAR" } : column),
          labelProblems: found,
          query: run,
          readColumns: async (sql) => {
            try {
              return (await tracked(connection.runAndReadAll(sql))).getColumnsObjectJS();
            } catch (error) {
              throw readError(error, source, wholeFile);
            }
          },
          evaluate: async (sql) => (await connection.runAndReadAll(sql)).getRowObjectsJS()
        };
      };
      const attempt = async (wholeFile) => {
        const tables = [];
        for (const source of sources) tables.push(await open(source, wholeFile));
        return work(tables);
      };
      try {
        return await attempt(false);
      } catch (error) {
        if (!(error instanceof SampleTooSmall)) throw error;
        logger.info(
          `${error.file}: a value late in the file does not fit the sniffed types; reading again with types from the whole file`
        );
        return await attempt(true);
      }
    } finally {
      connection.closeSync();
    }
  } finally {
    instance.closeSync();
    await spillDirectory.remove();
  }
}
async function checkReadable({ path, file, format }) {
  let info;
  try {
    info = await stat(path);
  } catch (error) {
    if (error.code === "ENOENT") throw new InputError(`${file}: no such file`);
    throw new InputError(
      `${file}: cannot read (${error.code ?? firstLine(error)})`
    );
  }
  if (!info.isFile()) throw new InputError(`${file}: not a file`);
  if (info.size === 0)
    throw new InputError(`${file}: cannot read as ${formatLabels[format]}: the file is empty`);
}
function reader(options, wholeFile, textColumns) {
  const path = quoteText(options.duckdbPath);
  const sample = wholeFile ? ", sample_size = -1" : "";
  switch (options.format) {
    case "csv":
    case "tsv": {
      const delimiter = options.format === "tsv" ? `'	'` : `','`;
      const types = textColumns.length > 0 ? `, types = {${textColumns.map((name) => `${quoteText(name)}: 'VARCHAR'`).join(", ")}}` : "";
      const lineSize = `, max_line_size = ${options.maxLineSize ?? defaultMaxLineSize}`;
      return `read_csv(${path}, header = true, delim = ${delimiter}, quote = '"', escape = '"', skip = 0, strict_mode = true${lineSize}${sample}${types})`;
    }
    case "jsonl":
      return `read_json(${path}, format = 'newline_delimited'${sample})`;
    case "parquet":
      return `read_parquet(${path})`;
  }
}
function readError(error, options, wholeFile) {
  const message = String(error?.message ?? error).replaceAll(options.duckdbPath, options.file).replaceAll(options.path, options.file);
  const kind = /^([A-Za-z ]+) Error: /.exec(message)?.[1];
  if (kind === "Conversion" && !wholeFile && options.format !== "parquet")
    return new SampleTooSmall(message, options.file);
  if (kind !== "Conversion" && kind !== "Invalid Input" && kind !== "IO") return error;
  const lines = message.split("\n").map((line) => line.trim()).filter((line) => line !== "" && !line.startsWith("LINE "));
  let detail = (lines[0] ?? message).replace(/^[A-Za-z ]+ Error: /, "");
  let where = "";
  const csvLine = /CSV Error on Line: (\d+)/.exec(message)?.[1];
  const jsonLine = options.format === "jsonl" ? /JSON transform error in file .*, in line (\d+)/.exec(message)?.[1] : void 0;
  if (jsonLine) where = `:${jsonLine}`;
  if (/not utf-8 encoded/i.test(message)) {
    where = csvLine ? `:${csvLine}` : "";
    detail = "the text is not UTF-8 (convert it first, e.g. `iconv -f latin1 -t utf-8`)";
  } else if (options.format === "csv" || options.format === "tsv") {
    const delimiter = options.format === "tsv" ? "	" : ",";
    const limit = options.maxLineSize ?? defaultMaxLineSize;
    const long = /Maximum line size of \d+ bytes exceeded/.test(message) ? longRecord(options.path, delimiter, limit) : void 0;
    const found = long ? void 0 : diagnoseCsv(options.path, delimiter);
    if (long) {
      where = `:${long.line}`;
      detail = `${long.problem}, longer than the maximum line size of ${limit} bytes (DuckDB's max_line_size)${options.maxLineSize === void 0 ? "" : "; raise it with the max-line-size option"}`;
    } else if (found) {
      where = `:${found.line}`;
      detail = found.problem;
    } else if (/^Error when sniffing file/.test(detail) && lines[1]) {
      detail = `${lines[1]} (does every row have as many fields as the header, and is every quote closed?)`;
    } else if (/^CSV Error on Line: \d+/.test(detail) && lines.length > 1) {
      const reason = lines.find((line) => !/^(CSV Error on Line|Original Line|Possible fixes|\*)/.test(line));
      if (reason) detail = `${detail}: ${reason}`;
    }
  }
  return new InputError(
    `${options.file}${where}: cannot read as ${formatLabels[options.format]}: ${detail}`,
    {
      cause: error
    }
  );
}

// packages/core/src/report/chart.ts
function mermaidText(text, maxLength = Number.POSITIVE_INFINITY) {
  const flat = visibleLine(text);
  const short = flat.length > maxLength ? `${flat.slice(0, maxLength - 1)}\u2026` : flat;
  const named = { '"': "#quot;", "<": "#lt;", ">": "#gt;" };
  return short.replace(/[#"<>`;]|%(?=%)/g, (character) => named[character] ?? `#${character.charCodeAt(0)};`);
}
function chartNumber(value) {
  const text = String(value);
  if (!/e/i.test(text)) return text;
  const decimals = Math.min(100, Math.max(0, 1 - Math.floor(Math.log10(Math.abs(value)))) + 3);
  return value.toFixed(decimals).replace(/\.?0+$/, "");
}
function labelsFitSideBySide(labels) {
  const longest = Math.max(0, ...labels.map((label) => label.length));
  return labels.length * (longest * 7.5 + 6) <= 600;
}
function xychartFor(labels) {
  return labelsFitSideBySide(labels) ? "xychart-beta" : "xychart-beta horizontal";
}

// packages/core/src/steps/validate-data/schema.ts
var import_yaml = __toESM(require_dist(), 1);
var columnTypes = ["integer", "number", "string", "boolean", "date", "datetime"];
var columnsModes = ["exact", "ordered", "subset"];
var columnRoles = ["id"];
var severitySchema = _enum(["error", "warn"]);
function isPlainObject(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
function rule(value) {
  return preprocess(
    (input) => isPlainObject(input) ? input : { value: input },
    object({ value, severity: severitySchema.optional() }).strict()
  );
}
var datePattern = /^\d{4}-\d{2}-\d{2}$/;
var datetimePattern = /^\d{4}-\d{2}-\d{2}([T ]([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,9})?)?)?(Z|[+-]([01]\d|2[0-3])(:?[0-5]\d)?)?$/;
function article(type) {
  return `${type === "integer" ? "an" : "a"} ${type}`;
}
function isCalendarDate(text) {
  const date = /* @__PURE__ */ new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}
function misfit(value, type) {
  switch (type) {
    case "integer":
      return typeof value === "number" && Number.isInteger(value) || typeof value === "bigint" ? void 0 : "expected a whole number";
    case "number":
      return typeof value === "number" || typeof value === "bigint" ? void 0 : "expected a number";
    case "boolean":
      return typeof value === "boolean" ? void 0 : "expected true or false";
    case "date":
      return typeof value === "string" && datePattern.test(value) && isCalendarDate(value) ? void 0 : "expected a date like '2024-01-31'";
    case "datetime":
      return typeof value === "string" && datetimePattern.test(value) && isCalendarDate(value.slice(0, 10)) ? void 0 : "expected a date-time like '2024-01-31 12:00:00'";
    case "string":
      return typeof value === "string" ? void 0 : "expected text (quote it)";
  }
}
var boundSchema = union([number(), bigint(), string()]);
var scalarSchema = union([number(), bigint(), string(), boolean()]);
var columnSchema = object({
  description: string().optional(),
  type: rule(_enum(columnTypes)).optional(),
  required: rule(boolean()).optional(),
  nullable: rule(boolean()).optional(),
  max_null_fraction: rule(number().min(0).max(1)).optional(),
  min: rule(boundSchema).optional(),
  max: rule(boundSchema).optional(),
  allowed: rule(array(scalarSchema).min(1)).optional(),
  regex: rule(string().min(1)).optional(),
  unique: rule(boolean()).optional(),
  role: _enum(columnRoles).optional(),
  drift: union([
    literal(false),
    object({
      test: _enum(driftTests).optional(),
      threshold: number().positive().optional(),
      severity: severitySchema.optional()
    }).strict()
  ]).optional(),
  severity: severitySchema.optional()
}).strict().superRefine((column, context) => {
  if (column.nullable && column.max_null_fraction) {
    context.addIssue({
      code: "custom",
      path: ["max_null_fraction"],
      message: "give nullable or max_null_fraction, not both"
    });
  }
  const type = column.type?.value;
  for (const key of ["min", "max"]) {
    const bound = column[key]?.value;
    if (bound === void 0) continue;
    if (type === "string" || type === "boolean") {
      context.addIssue({
        code: "custom",
        path: [key],
        message: `does not apply to ${article(type)} column`
      });
    } else if (type !== void 0) {
      const reason = misfit(bound, type);
      if (reason)
        context.addIssue({ code: "custom", path: [key], message: `${reason} for ${article(type)} column` });
    } else if (typeof bound === "string") {
      context.addIssue({
        code: "custom",
        path: [key],
        message: "a date bound needs type: date or datetime"
      });
    }
  }
  const min4 = column.min?.value;
  const max2 = column.max?.value;
  if (min4 !== void 0 && max2 !== void 0 && typeof min4 === typeof max2 && min4 > max2) {
    context.addIssue({ code: "custom", path: ["min"], message: `is greater than max (${String(max2)})` });
  }
  if (type !== void 0 && column.allowed) {
    column.allowed.value.forEach((value, index) => {
      const reason = misfit(value, type);
      if (reason)
        context.addIssue({
          code: "custom",
          path: ["allowed", "value", index],
          message: `${reason} for ${article(type)} column`
        });
    });
  }
});
var tableSchema = object({
  columns: rule(_enum(columnsModes)).optional(),
  unique: array(rule(array(string()).min(1))).optional(),
  rows: object({
    min: rule(number().int().min(0)).optional(),
    max: rule(number().int().min(0)).optional()
  }).strict().optional(),
  severity: severitySchema.optional()
}).strict();
var schemaFileSchema = object({
  version: literal(1).optional(),
  description: string().optional(),
  columns: record(string(), columnSchema.nullable()),
  table: tableSchema.optional(),
  // Lazy: hygiene.ts imports checks.ts, which imports this module.
  hygiene: lazy(() => hygieneConfigSchema).optional()
}).strict();
async function loadSchema(path, file) {
  let bytes;
  try {
    bytes = await readInputFile(path, file);
  } catch (error) {
    if (error instanceof InputError) throw error;
    const code = error.code;
    if (code === "ENOENT") throw new InputError(`${file}: no such file`);
    throw new InputError(`${file}: cannot read schema file (${code ?? error})`);
  }
  return { ...parseSchema(bytes.toString("utf8"), file), digest: bytesDigest(bytes) };
}
function parseSchema(text, file) {
  const { document, value: parsedValue, lineOf } = parseYamlFile(text, file, { intAsBigInt: true });
  const value = smallIntegersAsNumbers(parsedValue);
  if (!isPlainObject(value)) throw new InputError(`${file}: expected a map with version and columns`);
  const parsed = schemaFileSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue.path.map((key) => typeof key === "number" ? key : String(key));
    if (issue.code === "unrecognized_keys") path.push(String(issue.keys[0]));
    let node = document.contents;
    let parent;
    const shown2 = [];
    for (const key of path) {
      if (key === "value" && !((0, import_yaml.isMap)(node) && node.has("value"))) continue;
      const next = getIn(node, [key]);
      if (next === void 0) {
        shown2.push(...path.slice(path.indexOf(key)).filter((rest) => rest !== "value"));
        break;
      }
      parent = node;
      node = next;
      shown2.push(key);
    }
    if (issue.code === "unrecognized_keys") node = keyNode(parent, String(path[path.length - 1])) ?? node;
    const line = lineOf(node);
    const message = issue.code === "unrecognized_keys" ? "unknown key" : /received undefined$/.test(issue.message) ? "is required" : issue.message;
    throw new InputError(`${file}${line ? `:${line}` : ""}: ${shown2.join(".") || "(top level)"}: ${message}`);
  }
  const data = parsed.data;
  const tableNode = document.get("table", true);
  const tableSeverity = data.table?.severity ?? "error";
  const tableRule = (raw, path) => raw && {
    value: raw.value,
    severity: raw.severity ?? tableSeverity,
    line: lineOf(keyNode(getIn(tableNode, path.slice(0, -1)), path[path.length - 1]))
  };
  const columnsNode = document.get("columns", true);
  const columns = [];
  for (const pair of (0, import_yaml.isMap)(columnsNode) ? columnsNode.items : []) {
    const name = (0, import_yaml.isScalar)(pair.key) ? String(pair.key.value) : String(pair.key);
    const raw = data.columns[name] ?? {};
    const severity = raw.severity ?? "error";
    const line = lineOf(pair.key);
    const columnRule = (value2, key) => value2 && {
      value: value2.value,
      severity: value2.severity ?? severity,
      line: lineOf(keyNode(pair.value, key)) ?? line
    };
    columns.push({
      name,
      ...line === void 0 ? {} : { line },
      ...raw.description === void 0 ? {} : { description: raw.description },
      type: columnRule(raw.type, "type"),
      required: columnRule(raw.required, "required") ?? {
        value: true,
        severity,
        ...line === void 0 ? {} : { line }
      },
      nullable: columnRule(raw.nullable, "nullable"),
      maxNullFraction: columnRule(raw.max_null_fraction, "max_null_fraction"),
      min: columnRule(raw.min, "min"),
      max: columnRule(raw.max, "max"),
      allowed: columnRule(raw.allowed, "allowed"),
      regex: columnRule(raw.regex, "regex"),
      unique: columnRule(raw.unique, "unique"),
      ...raw.role === void 0 ? {} : { role: raw.role },
      ...raw.drift === void 0 ? {} : {
        drift: {
          skip: raw.drift === false,
          ...raw.drift === false ? {} : raw.drift,
          severity: (raw.drift === false ? void 0 : raw.drift.severity) ?? "warn",
          line: lineOf(keyNode(pair.value, "drift")) ?? line
        }
      }
    });
  }
  const table2 = data.table;
  const tableLine = lineOf(keyNode(document.contents, "table"));
  const hygieneNode = document.get("hygiene", true);
  const hygieneLines = { section: lineOf(keyNode(document.contents, "hygiene")) };
  for (const key of hygieneKeys) hygieneLines[key] = lineOf(keyNode(hygieneNode, key));
  const declared = new Set(columns.map((column) => column.name));
  for (const [index, name] of (data.hygiene?.exclude ?? []).entries()) {
    if (declared.has(name)) continue;
    const line = lineOf(getIn(hygieneNode, ["exclude", index])) ?? hygieneLines.section;
    throw new InputError(
      `${file}${line ? `:${line}` : ""}: hygiene.exclude.${index}: unknown column ${JSON.stringify(name)} (not among the schema's columns)`
    );
  }
  return {
    ...data.hygiene === void 0 ? {} : { hygiene: { config: data.hygiene, lines: hygieneLines } },
    file,
    ...data.description === void 0 ? {} : { description: data.description },
    columns,
    table: {
      columns: tableRule(table2?.columns, ["columns"]) ?? {
        value: "subset",
        severity: tableSeverity,
        ...tableLine === void 0 ? {} : { line: tableLine }
      },
      unique: (table2?.unique ?? []).map((key, index) => ({
        value: key.value,
        severity: key.severity ?? tableSeverity,
        line: lineOf(getIn(tableNode, ["unique", index]))
      })),
      rowsMin: tableRule(table2?.rows?.min, ["rows", "min"]),
      rowsMax: tableRule(table2?.rows?.max, ["rows", "max"])
    }
  };
}
function keyColumns(schema) {
  const columns = schema?.columns ?? [];
  const reasonsOf = (spec) => [
    ...spec.role === "id" ? ["role: id"] : [],
    ...spec.unique?.value ? ["unique"] : []
  ];
  return [
    ...columns.filter((spec) => spec.role === "id"),
    ...columns.filter((spec) => spec.role !== "id" && spec.unique?.value)
  ].map((spec) => ({ name: spec.name, reasons: reasonsOf(spec) }));
}
function getIn(node, path) {
  let current = node;
  for (const key of path) {
    if (current === void 0 || current === null) return void 0;
    const collection = current;
    if (typeof collection.get !== "function") return void 0;
    current = collection.get(key, true);
  }
  return current;
}
function keyNode(map, key) {
  if (!(0, import_yaml.isMap)(map) || key === void 0) return void 0;
  const pair = map.items.find(
    (item) => ((0, import_yaml.isScalar)(item.key) ? String(item.key.value) : String(item.key)) === String(key)
  );
  return pair?.key;
}
function smallIntegersAsNumbers(value) {
  if (typeof value === "bigint") {
    return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value;
  }
  if (Array.isArray(value)) return value.map(smallIntegersAsNumbers);
  if (isPlainObject(value)) {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, smallIntegersAsNumbers(item)])
    );
  }
  return value;
}

// packages/core/src/steps/validate-data/checks.ts
var exampleCount = 5;
function categoryOf(duckdbType) {
  const type = duckdbType.toUpperCase();
  if (/^U?(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT)$/.test(type)) return "integer";
  if (/^(FLOAT|DOUBLE|REAL|DECIMAL(\(\d+,\s*\d+\))?)$/.test(type)) return "number";
  if (type === "BOOLEAN") return "boolean";
  if (type === "DATE") return "date";
  if (/^TIMESTAMP(_S|_MS|_NS| WITH TIME ZONE|TZ)?$/.test(type)) return "datetime";
  if (type === "VARCHAR") return "string";
  return "other";
}
function isCompatible(category, declared) {
  return category === declared || declared === "number" && category === "integer" || declared === "datetime" && category === "date";
}
function columnValues(column, declared) {
  const id = quoteIdentifier(column.name);
  const category = categoryOf(column.type);
  const text = category === "string" ? id : `CAST(${id} AS VARCHAR)`;
  if (declared === void 0 || isCompatible(category, declared)) {
    const type = declared ?? category;
    const lift = (sql) => type === "number" ? `CAST(${sql} AS DOUBLE)` : type === "datetime" ? `CAST(${sql} AS TIMESTAMPTZ)` : type === "other" ? `CAST(${sql} AS VARCHAR)` : sql;
    const sqlType = type === "number" ? "DOUBLE" : type === "datetime" ? "TIMESTAMPTZ" : type === "other" ? "VARCHAR" : column.type;
    return { column, type, value: lift(id), sqlType, text, lift };
  }
  const value = conversion(text, declared);
  return {
    column,
    type: declared,
    value,
    sqlType: conversionTypes[declared],
    text,
    invalid: `(${id} IS NOT NULL AND (${value}) IS NULL)`
  };
}
var conversionTypes = {
  integer: "HUGEINT",
  number: "DOUBLE",
  boolean: "BOOLEAN",
  date: "DATE",
  datetime: "TIMESTAMPTZ",
  string: "VARCHAR"
};
function conversion(text, type) {
  switch (type) {
    case "integer":
      return `CASE WHEN regexp_full_match(trim(${text}), '[+-]?[0-9]+([.]0*)?') THEN TRY_CAST(trim(${text}) AS HUGEINT) END`;
    case "number":
      return `TRY_CAST(${text} AS DOUBLE)`;
    case "boolean":
      return `TRY_CAST(${text} AS BOOLEAN)`;
    case "date":
      return `CASE WHEN TRY_CAST(${text} AS TIMESTAMP) = CAST(TRY_CAST(${text} AS DATE) AS TIMESTAMP) THEN TRY_CAST(${text} AS DATE) END`;
    case "datetime":
      return `TRY_CAST(${text} AS TIMESTAMPTZ)`;
    case "string":
      return text;
  }
}
function literal2(value, type) {
  switch (type) {
    case "integer":
    case "number":
      if (typeof value === "bigint") return value.toString();
      if (typeof value !== "number") return void 0;
      if (Number.isSafeInteger(value)) return String(value);
      return `CAST('${Number.isNaN(value) ? "nan" : value === Infinity ? "inf" : value === -Infinity ? "-inf" : String(value)}' AS DOUBLE)`;
    case "boolean":
      return typeof value === "boolean" ? String(value).toUpperCase() : void 0;
    case "date":
    case "datetime":
      if (misfit(value, type) !== void 0) return void 0;
      return `CAST(${quoteText(String(value))} AS ${type === "date" ? "DATE" : "TIMESTAMPTZ"})`;
    case "string":
    case "other":
      return typeof value === "boolean" ? void 0 : quoteText(String(value));
  }
}
var inlineDistinctLimit = 16;
var inlineDistinctMaxExpressions = 256;
var Aggregates = class {
  /** `prefix` keeps aliases of two queries apart when their results are merged. */
  constructor(prefix = "a") {
    this.prefix = prefix;
  }
  prefix;
  expressions = [];
  distincts = [];
  add(sql) {
    const alias = `${this.prefix}${this.expressions.length}`;
    this.expressions.push(`${sql} AS ${alias}`);
    return alias;
  }
  /**
   * The exact number of distinct non-null values of `value`, SQL of DuckDB type `type`. A few are counted in the
   * main scan; more are counted in one grouped query per type (each column's values unnested beside its index),
   * whose one hash table DuckDB can spill, whatever the number of columns.
   */
  distinct(value, type) {
    const alias = `${this.prefix}d${this.distincts.length}`;
    this.distincts.push({ alias, value, type });
    return alias;
  }
  /**
   * Runs the query (and the grouped distinct counts). `boundedMemory`: the queries that count distinct values run
   * under DuckDB's memory cap (see withBoundedMemory), so a column of millions of distinct values spills.
   */
  async run(table2, options = {}) {
    const inline = this.distincts.length === 0 || this.distincts.length <= inlineDistinctLimit && this.expressions.length <= inlineDistinctMaxExpressions;
    const bounded = (work) => options.boundedMemory && this.distincts.length > 0 ? withBoundedMemory(table2, work) : work();
    const row = {};
    const main = async () => {
      const expressions = inline ? [...this.expressions, ...this.distincts.map((d) => `count(DISTINCT ${d.value}) AS ${d.alias}`)] : this.expressions;
      if (expressions.length === 0) return;
      const [first] = await table2.query(`SELECT ${expressions.join(",\n  ")} FROM ${table2.relation}`);
      Object.assign(row, first);
    };
    if (inline) await bounded(main);
    else {
      await main();
      Object.assign(row, await bounded(() => groupedDistinctCounts(table2, this.distincts)));
    }
    return row;
  }
};
async function groupedDistinctCounts(table2, distincts) {
  const byType = /* @__PURE__ */ new Map();
  for (const entry of distincts) {
    const group = byType.get(entry.type) ?? [];
    group.push(entry);
    byType.set(entry.type, group);
  }
  const counts = {};
  for (const [type, group] of byType) {
    const values = group.map((entry) => `CAST(${entry.value} AS ${type})`).join(", ");
    const rows = await table2.query(
      `SELECT c, count(DISTINCT v) AS n FROM (SELECT unnest(range(${group.length})) AS c, unnest([${values}]) AS v FROM ${table2.relation}) GROUP BY c`
    );
    for (const entry of group) counts[entry.alias] = 0n;
    for (const row of rows) {
      const entry = group[count(row.c)];
      if (entry) counts[entry.alias] = row.n;
    }
  }
  return counts;
}
function count(value) {
  if (typeof value === "bigint") return Number(value);
  if (typeof value === "number") return value;
  return 0;
}
function plain(value) {
  if (typeof value === "bigint") {
    return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value.toString();
  }
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(plain);
  return value;
}
function examplesOf(value) {
  if (!Array.isArray(value)) return [];
  const seen = /* @__PURE__ */ new Set();
  const examples = [];
  for (const item of value.map(plain)) {
    const key = JSON.stringify(item);
    if (seen.has(key)) continue;
    seen.add(key);
    examples.push(item);
  }
  return examples;
}
function show(value) {
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "bigint") return value.toString();
  return JSON.stringify(plain(value)) ?? String(value);
}
function showList(values) {
  return values.map(show).join(", ");
}
function extremeSql(values, aggregate) {
  return values.lift ? values.lift(`${aggregate}(${quoteIdentifier(values.column.name)})`) : `${aggregate}(${values.value})`;
}
function observedBoundSql(values, extreme) {
  if (values.type === "number") return extreme;
  return `CAST(${extreme} AS VARCHAR)`;
}
function observedBound(raw, type) {
  if (raw === null || raw === void 0) return void 0;
  if (type === "integer" && typeof raw === "string") {
    const big = BigInt(raw);
    return plain(big);
  }
  return plain(raw);
}
async function checkData(table2, schema) {
  await checkPatterns(table2, schema);
  const present = new Map(table2.columns.map((column) => [column.name, column]));
  const aggregates = new Aggregates();
  const rowsAlias = aggregates.add("count(*)");
  const planned = /* @__PURE__ */ new Map();
  for (const spec of schema.columns) {
    const column = present.get(spec.name);
    if (!column) continue;
    const values = columnValues(column, spec.type?.value);
    const examples = [];
    const violations = [];
    const failing = {};
    planned.set(spec.name, {
      spec,
      values,
      aliases: planAggregates(aggregates, spec, values, examples, violations, failing),
      examples,
      violations,
      failing
    });
  }
  const unique = schema.columns.some((spec) => spec.unique?.value && planned.has(spec.name));
  const row = await aggregates.run(table2, { boundedMemory: unique });
  const followUp = new Aggregates("e");
  for (const plan of planned.values()) {
    for (const [breachKey, countKey, sql] of plan.violations) {
      if (row[plan.aliases[breachKey] ?? ""] === true) plan.aliases[countKey] = followUp.add(sql);
    }
    for (const [countKey, examplesKey, sql] of plan.examples) {
      if (count(row[plan.aliases[countKey] ?? ""]) > 0) plan.aliases[examplesKey] = followUp.add(sql);
    }
  }
  Object.assign(row, await followUp.run(table2));
  const statistics = {
    rows: count(row[rowsAlias]),
    get: (alias) => alias ? row[alias] : void 0
  };
  const checks = [];
  const rowQueries = /* @__PURE__ */ new Map();
  for (const spec of schema.columns) {
    const plan = planned.get(spec.name);
    for (const found of await columnChecks(table2, schema, spec, plan, statistics)) {
      checks.push(found);
      const where = plan?.failing[found.name];
      if (plan && where && found.status !== "passed") {
        rowQueries.set(found, { where, value: shownValue(plan.values.column) });
      }
    }
  }
  checks.push(...await tableChecks(table2, schema, statistics.rows, rowQueries));
  const key = keyColumns(schema).find((candidate) => present.has(candidate.name))?.name;
  await failingRows(table2, rowQueries, key === void 0 ? void 0 : present.get(key));
  return { checks, rows: statistics.rows, ...key === void 0 ? {} : { key } };
}
function plainStruct(value) {
  if (value === null || value === void 0) return null;
  if (typeof value === "object" && !Array.isArray(value) && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value).map(([name, item]) => [name, plain(item)]));
  }
  return plain(value);
}
function shownValue(column) {
  const id = quoteIdentifier(column.name);
  return ["integer", "number", "boolean", "string"].includes(categoryOf(column.type)) ? id : `CAST(${id} AS VARCHAR)`;
}
var rowNumberColumn = "__mlci_row_number";
async function failingRows(table2, queries, key) {
  if (queries.size === 0) return;
  const keySql = key === void 0 ? "NULL" : shownValue(key);
  const rowId = quoteIdentifier(rowNumberColumn);
  const aggregates = new Aggregates("r");
  const aliases = /* @__PURE__ */ new Map();
  for (const [found2, query] of queries) {
    aliases.set(
      found2,
      aggregates.add(
        `min_by({row: ${rowId}, key: ${keySql}, value: ${query.value}}, CASE WHEN ${query.where} THEN ${rowId} END, ${exampleCount})`
      )
    );
  }
  const numbered = {
    ...table2,
    relation: `(SELECT row_number() OVER () AS ${rowId}, * FROM ${table2.relation})`
  };
  const result = await aggregates.run(numbered);
  const found = /* @__PURE__ */ new Map();
  for (const [check2, alias] of aliases) {
    const rows = (result[alias] ?? []).map(
      (item) => ({
        row: count(item.row),
        ...key === void 0 ? {} : { key: plain(item.key) },
        value: plainStruct(item.value)
      })
    );
    if (rows.length > 0) found.set(check2, rows);
  }
  if (table2.format === "csv" || table2.format === "tsv") {
    const wanted = [...found.values()].flatMap((rows) => rows.map((item) => item.row));
    const lines = csvRowLines(table2.path, table2.format === "tsv" ? "	" : ",", wanted);
    for (const rows of found.values()) {
      for (const item of rows) {
        const line = lines.get(item.row);
        if (line !== void 0) item.line = line;
      }
    }
  }
  for (const [check2, rows] of found) {
    check2.rows = rows.map(({ row, line, ...rest }) => ({
      row,
      ...line === void 0 ? {} : { line },
      ...rest
    }));
  }
}
var distinctMemoryPerThreadMB = { text: 96, parquet: 64 };
var scanMemoryPerColumnKB = 64;
async function withBoundedMemory(table2, work) {
  const [setting] = await table2.evaluate(
    `SELECT current_setting('memory_limit') AS m, current_setting('threads') AS threads`
  );
  const restore = `SET memory_limit = ${quoteText(String(setting?.m))}`;
  const perThread = distinctMemoryPerThreadMB[table2.format === "parquet" ? "parquet" : "text"] + Math.ceil(table2.columns.length * scanMemoryPerColumnKB / 1024);
  const limit = perThread * Math.max(1, count(setting?.threads));
  await table2.evaluate(`SET memory_limit = '${limit}MB'`);
  try {
    return await work();
  } catch (error) {
    if (!/^Out of Memory Error/.test(String(error?.message))) throw error;
    await table2.evaluate(restore);
    return await work();
  } finally {
    await table2.evaluate(restore);
  }
}
async function checkPatterns(table2, schema) {
  for (const spec of schema.columns) {
    if (!spec.regex) continue;
    try {
      await table2.evaluate(`SELECT regexp_full_match('', ${quoteText(spec.regex.value)})`);
    } catch (error) {
      const where = spec.regex.line === void 0 ? "" : `:${spec.regex.line}`;
      const message = String(error?.message ?? error);
      const reason = firstLine(message).replace(/^[A-Za-z ]+ Error: /, "");
      throw new InputError(
        `${schema.file}${where}: columns.${spec.name}.regex: invalid regular expression: ${reason}`
      );
    }
  }
}
function planAggregates(aggregates, spec, values, examples, violations, failing) {
  const sample = (sql, where) => `min(CASE WHEN ${where} THEN ${sql} END, ${exampleCount})`;
  const id = quoteIdentifier(values.column.name);
  const aliases = {};
  aliases.nonNull = aggregates.add(`count(${id})`);
  failing.nullable = `${id} IS NULL`;
  failing.max_null_fraction = `${id} IS NULL`;
  if (spec.type && values.invalid) {
    failing.type = values.invalid;
    aliases.invalid = aggregates.add(`count_if(${values.invalid})`);
    examples.push(["invalid", "invalidExamples", sample(values.text, values.invalid)]);
  }
  const bounded = boundable(values.type);
  for (const key of ["min", "max"]) {
    const bound = spec[key];
    if (!bound || !bounded) continue;
    const sql = literal2(bound.value, values.type);
    if (sql === void 0) continue;
    const extreme = extremeSql(values, key);
    const beyond = key === "min" ? "<" : ">";
    aliases[key] = aggregates.add(observedBoundSql(values, extreme));
    aliases[`${key}Breached`] = aggregates.add(`(${extreme} ${beyond} ${sql})`);
    violations.push([`${key}Breached`, `${key}Violations`, `count_if(${values.value} ${beyond} ${sql})`]);
    failing[key] = `${values.value} ${beyond} ${sql}`;
  }
  if (spec.allowed) {
    const allowed = spec.allowed.value.map((value) => literal2(value, values.type)).filter((sql) => sql !== void 0);
    const outside = allowed.length > 0 ? `${values.value} NOT IN (${allowed.join(", ")})` : `${values.value} IS NOT NULL`;
    failing.allowed = outside;
    aliases.notAllowed = aggregates.add(`count_if(${outside})`);
    aliases.notAllowedDistinct = aggregates.distinct(
      `CASE WHEN ${outside} THEN ${values.value} END`,
      values.sqlType
    );
    examples.push(["notAllowed", "notAllowedExamples", sample(`CAST(${values.value} AS VARCHAR)`, outside)]);
  }
  if (spec.regex) {
    const mismatch = `NOT regexp_full_match(${values.text}, ${quoteText(spec.regex.value)})`;
    failing.regex = mismatch;
    aliases.mismatched = aggregates.add(`count_if(${mismatch})`);
    examples.push(["mismatched", "mismatchedExamples", sample(values.text, mismatch)]);
  }
  if (spec.unique?.value) {
    aliases.typed = values.invalid ? aggregates.add(`count(${values.value})`) : aliases.nonNull;
    aliases.distinct = aggregates.distinct(values.value, values.sqlType);
  }
  return aliases;
}
function boundable(type) {
  return type === "integer" || type === "number" || type === "date" || type === "datetime";
}
function bigintSafe(value) {
  if (typeof value === "bigint") return plain(value);
  if (Array.isArray(value)) return value.map(bigintSafe);
  return value;
}
function check(schema, name, column, rule2, ok, message, expected, observed) {
  return {
    name,
    ...column === void 0 ? {} : { column },
    status: ok ? "passed" : rule2.severity === "error" ? "failed" : "warned",
    severity: rule2.severity,
    message,
    ...expected === void 0 ? {} : { expected: bigintSafe(expected) },
    ...observed === void 0 ? {} : { observed: bigintSafe(observed) },
    location: { file: schema.file, ...rule2.line === void 0 ? {} : { line: rule2.line } }
  };
}
async function columnChecks(table2, schema, spec, plan, statistics) {
  const name = spec.name;
  if (!plan) {
    return [
      spec.required.value ? check(
        schema,
        "required",
        name,
        spec.required,
        false,
        "column is missing from the data",
        "present",
        "absent"
      ) : check(
        schema,
        "required",
        name,
        spec.required,
        true,
        "optional column is absent; its rules were not checked",
        "optional",
        "absent"
      )
    ];
  }
  const { values, aliases } = plan;
  const get = (key) => statistics.get(aliases[key]);
  const rows = statistics.rows;
  const nonNull = count(get("nonNull"));
  const nulls = rows - nonNull;
  const checks = [
    check(
      schema,
      "required",
      name,
      spec.required,
      true,
      "column is present",
      spec.required.value ? "present" : "optional",
      "present"
    )
  ];
  if (spec.type) {
    const declared = spec.type.value;
    if (!values.invalid) {
      checks.push(
        check(
          schema,
          "type",
          name,
          spec.type,
          true,
          `read as ${values.column.type}`,
          declared,
          values.column.type
        )
      );
    } else {
      const invalid = count(get("invalid"));
      const examples = examplesOf(get("invalidExamples"));
      checks.push(
        invalid === 0 ? check(
          schema,
          "type",
          name,
          spec.type,
          true,
          `all ${plural(nonNull, "value")} read as ${declared}`,
          declared,
          values.column.type
        ) : check(
          schema,
          "type",
          name,
          spec.type,
          false,
          `${invalid} of ${plural(nonNull, "value")} ${invalid === 1 ? "is" : "are"} not ${declared}, e.g. ${showList(examples)}`,
          declared,
          { type: values.column.type, invalid, examples }
        )
      );
    }
  }
  if (spec.nullable && !spec.nullable.value) {
    checks.push(
      check(
        schema,
        "nullable",
        name,
        spec.nullable,
        nulls === 0,
        nulls === 0 ? "no nulls" : `${nulls} of ${plural(rows, "value")} ${nulls === 1 ? "is" : "are"} null`,
        0,
        nulls
      )
    );
  }
  if (spec.maxNullFraction) {
    const fraction2 = rows === 0 ? 0 : nulls / rows;
    const limit = spec.maxNullFraction.value;
    checks.push(
      check(
        schema,
        "max_null_fraction",
        name,
        spec.maxNullFraction,
        fraction2 <= limit,
        `${nulls} of ${plural(rows, "value")} ${nulls === 1 ? "is" : "are"} null (${percent(fraction2)}; at most ${percent(limit)} allowed)`,
        limit,
        Number(fraction2.toPrecision(6))
      )
    );
  }
  for (const key of ["min", "max"]) {
    const bound = spec[key];
    if (!bound) continue;
    const expected = bigintSafe(bound.value);
    if (!boundable(values.type)) {
      checks.push(
        check(
          schema,
          key,
          name,
          bound,
          false,
          `${key} needs an integer, number, date or datetime column; the column reads as ${values.column.type} (declare its type)`,
          expected
        )
      );
      continue;
    }
    if (aliases[key] === void 0) {
      checks.push(
        check(
          schema,
          key,
          name,
          bound,
          false,
          `${key} ${show(bound.value)} cannot be compared with a ${values.type} column`,
          expected
        )
      );
      continue;
    }
    const observed = observedBound(get(key), values.type);
    const violations = count(get(`${key}Violations`));
    const word = key === "min" ? "smallest" : "largest";
    const message = observed === void 0 ? "no values to compare" : violations === 0 ? `${word} value ${show(observed)} is within ${key} ${show(bound.value)}` : `${plural(violations, "value")} ${key === "min" ? "below the minimum" : "above the maximum"} ${show(bound.value)} (${word} ${show(observed)})`;
    checks.push(check(schema, key, name, bound, violations === 0, message, expected, observed));
  }
  if (spec.allowed) {
    const outside = count(get("notAllowed"));
    const distinct = count(get("notAllowedDistinct"));
    const examples = examplesOf(get("notAllowedExamples"));
    checks.push(
      check(
        schema,
        "allowed",
        name,
        spec.allowed,
        outside === 0,
        outside === 0 ? "all values are allowed" : `${plural(outside, "row")} ${outside === 1 ? "has a value" : "have values"} not in the allowed list (${plural(distinct, "distinct value")}), e.g. ${showList(examples)}`,
        spec.allowed.value,
        outside === 0 ? void 0 : examples
      )
    );
  }
  if (spec.regex) {
    const mismatched = count(get("mismatched"));
    const examples = examplesOf(get("mismatchedExamples"));
    checks.push(
      check(
        schema,
        "regex",
        name,
        spec.regex,
        mismatched === 0,
        mismatched === 0 ? "all values match" : `${plural(mismatched, "value")} ${mismatched === 1 ? "does" : "do"} not match, e.g. ${showList(examples)}`,
        spec.regex.value,
        mismatched === 0 ? void 0 : examples
      )
    );
  }
  if (spec.unique?.value) {
    const repeated = count(get("typed")) - count(get("distinct"));
    if (repeated === 0) {
      checks.push(check(schema, "unique", name, spec.unique, true, "all values are distinct", true));
    } else {
      const shown2 = ["integer", "number", "boolean", "string"].includes(values.type) ? values.value : `CAST(${values.value} AS VARCHAR)`;
      const found = await duplicates(table2, [values.value], `[${shown2}]`);
      const examples = found.examples;
      if (found.rowsWhere) plan.failing.unique = found.rowsWhere;
      checks.push(
        check(
          schema,
          "unique",
          name,
          spec.unique,
          false,
          `${plural(repeated, "row repeats", "rows repeat")} a value, e.g. ${examples.map((e) => `${show(e.key[0])} (${e.count} times)`).join(", ")}`,
          true,
          examples.map((e) => ({ value: e.key[0], count: e.count }))
        )
      );
    }
  }
  return checks;
}
async function duplicates(table2, keySql, key = `[${keySql.map((sql) => `CAST(${sql} AS VARCHAR)`).join(", ")}]`) {
  const notNull = keySql.map((sql) => `${sql} IS NOT NULL`).join(" AND ");
  const text = `[${keySql.map((sql) => `CAST(${sql} AS VARCHAR)`).join(", ")}]`;
  const [row] = await table2.query(
    `SELECT count(*) AS keys, coalesce(sum(n - 1), 0) AS surplus, max_by(struct_pack(k := k, t := t, n := n), n, ${exampleCount}) AS examples
     FROM (SELECT ${key} AS k, ${text} AS t, count(*) AS n FROM ${table2.relation} WHERE ${notNull} GROUP BY ALL HAVING count(*) > 1)`
  );
  const examples = row?.examples ?? [];
  const texts = examples.map((example) => `[${example.t.map((item) => quoteText(item)).join(", ")}]`);
  return {
    keys: count(row?.keys),
    surplus: count(row?.surplus),
    examples: examples.map((example) => ({ key: example.k.map(plain), count: count(example.n) })),
    ...texts.length === 0 ? {} : { rowsWhere: `${text} IN (${texts.join(", ")})` }
  };
}
function percent(fraction2) {
  return `${Number((fraction2 * 100).toPrecision(3))}%`;
}
async function tableChecks(table2, schema, rows, rowQueries) {
  const checks = [];
  const spec = schema.table;
  const mode = spec.columns.value;
  if (mode !== "subset") {
    const declared = new Set(schema.columns.map((column) => column.name));
    const extra = table2.columns.map((column) => column.name).filter((name) => !declared.has(name));
    let message = extra.length === 0 ? "no columns beyond the schema" : `${plural(extra.length, "column")} not in the schema: ${showList(extra.slice(0, 10))}${extra.length > 10 ? ", \u2026" : ""}`;
    let ok = extra.length === 0;
    const observed = { extra };
    if (mode === "ordered") {
      const inData = table2.columns.map((column) => column.name).filter((name) => declared.has(name));
      const inDataNames = new Set(inData);
      const inSchema = schema.columns.map((column) => column.name).filter((name) => inDataNames.has(name));
      const at = inSchema.findIndex((name, index) => inData[index] !== name);
      if (at >= 0) {
        ok = false;
        observed.order = inData;
        const order = `columns are out of the schema's order: expected ${show(inSchema[at])} at position ${at + 1}, found ${show(inData[at])}`;
        message = extra.length === 0 ? order : `${message}; ${order}`;
      } else if (ok) {
        message = "columns are the schema's, in its order";
      }
    }
    checks.push(check(schema, "columns", void 0, spec.columns, ok, message, mode, observed));
  }
  if (spec.rowsMin) {
    const ok = rows >= spec.rowsMin.value;
    checks.push(
      check(
        schema,
        "rows.min",
        void 0,
        spec.rowsMin,
        ok,
        `${plural(rows, "row")}${ok ? "" : `, fewer than ${spec.rowsMin.value}`}`,
        spec.rowsMin.value,
        rows
      )
    );
  }
  if (spec.rowsMax) {
    const ok = rows <= spec.rowsMax.value;
    checks.push(
      check(
        schema,
        "rows.max",
        void 0,
        spec.rowsMax,
        ok,
        `${plural(rows, "row")}${ok ? "" : `, more than ${spec.rowsMax.value}`}`,
        spec.rowsMax.value,
        rows
      )
    );
  }
  const present = new Set(table2.columns.map((column) => column.name));
  for (const key of spec.unique) {
    const name = `unique(${key.value.join(", ")})`;
    const missing = key.value.filter((column) => !present.has(column));
    if (missing.length > 0) {
      checks.push(
        check(
          schema,
          name,
          void 0,
          key,
          false,
          `key ${plural(missing.length, "column")} missing from the data: ${showList(missing)}`,
          key.value
        )
      );
      continue;
    }
    const found = await duplicates(table2, key.value.map(quoteIdentifier));
    const keyCheck = found.surplus === 0 ? check(schema, name, void 0, key, true, "no two rows share a key", key.value) : check(
      schema,
      name,
      void 0,
      key,
      false,
      `${plural(found.keys, "key")} repeated (${plural(found.surplus, "extra row")}), e.g. ${found.examples.map((e) => `${show(e.key)} (${e.count} times)`).join(", ")}`,
      key.value,
      found.examples
    );
    checks.push(keyCheck);
    if (found.rowsWhere) {
      const values = key.value.map((column) => {
        const data = table2.columns.find((candidate) => candidate.name === column);
        return `${quoteText(column)}: ${data ? shownValue(data) : "NULL"}`;
      });
      rowQueries.set(keyCheck, { where: found.rowsWhere, value: `{${values.join(", ")}}` });
    }
  }
  return checks;
}

// packages/core/src/steps/validate-data/hygiene.ts
var defaultHygieneConfig = {
  columns: { enabled: true, severity: "error" },
  duplicates: { enabled: true, severity: "warn", maxFraction: 0.05 },
  overlap: { enabled: true, severity: "error", maxFraction: 0 },
  conflictingLabels: { enabled: true, severity: "error", maxFraction: 0 },
  unseenCategories: {
    enabled: true,
    severity: "warn",
    maxFraction: 0,
    maxDistinct: 1e4,
    maxDistinctFraction: 0.5
  },
  leakage: { enabled: true, severity: "error", maxScore: 0.95, bins: 10 },
  exclude: []
};
var alwaysCategorical = 20;
var maxLabelClasses = 20;
var hygieneKeys = [
  "columns",
  "duplicates",
  "overlap",
  "conflicting_labels",
  "unseen_categories",
  "leakage"
];
var severitySchema2 = _enum(["error", "warn"]);
var fraction = number().min(0).max(1);
function checkSettings(shape) {
  return preprocess(
    (input) => input === false ? { enabled: false } : input === true || input === null ? {} : input,
    object({ ...shape, enabled: boolean().optional(), severity: severitySchema2.optional() }).strict()
  );
}
var rawHygieneSchema = object({
  columns: checkSettings({}).optional(),
  duplicates: checkSettings({ max_fraction: fraction.optional() }).optional(),
  overlap: checkSettings({ max_fraction: fraction.optional() }).optional(),
  conflicting_labels: checkSettings({ max_fraction: fraction.optional() }).optional(),
  unseen_categories: checkSettings({
    max_fraction: fraction.optional(),
    max_distinct: number().int().min(1).optional(),
    max_distinct_fraction: fraction.optional()
  }).optional(),
  leakage: checkSettings({
    max_score: fraction.optional(),
    bins: number().int().min(2).max(1e3).optional()
  }).optional(),
  exclude: array(string().min(1)).optional()
}).strict();
function merge(defaults, raw, values) {
  const given = Object.fromEntries(Object.entries(values).filter(([, value]) => value !== void 0));
  return {
    ...defaults,
    ...given,
    severity: raw?.severity ?? defaults.severity,
    enabled: raw?.enabled ?? defaults.enabled
  };
}
var hygieneConfigSchema = preprocess((input) => input ?? {}, rawHygieneSchema).transform((r) => {
  const d = defaultHygieneConfig;
  return {
    columns: merge(d.columns, r.columns, {}),
    duplicates: merge(d.duplicates, r.duplicates, { maxFraction: r.duplicates?.max_fraction }),
    overlap: merge(d.overlap, r.overlap, { maxFraction: r.overlap?.max_fraction }),
    conflictingLabels: merge(d.conflictingLabels, r.conflicting_labels, {
      maxFraction: r.conflicting_labels?.max_fraction
    }),
    unseenCategories: merge(d.unseenCategories, r.unseen_categories, {
      maxFraction: r.unseen_categories?.max_fraction,
      maxDistinct: r.unseen_categories?.max_distinct,
      maxDistinctFraction: r.unseen_categories?.max_distinct_fraction
    }),
    leakage: merge(d.leakage, r.leakage, { maxScore: r.leakage?.max_score, bins: r.leakage?.bins }),
    exclude: r.exclude ?? []
  };
});
function hygieneExclusions(schema) {
  const reasons = /* @__PURE__ */ new Map();
  for (const key of keyColumns(schema)) reasons.set(key.name, [...key.reasons]);
  for (const name of schema?.hygiene?.config.exclude ?? [])
    reasons.set(name, [...reasons.get(name) ?? [], "hygiene.exclude"]);
  return [...reasons].map(([column, why]) => ({ column, reasons: why }));
}
async function checkHygiene(train, test, options) {
  const { label, config } = options;
  if (label !== void 0) {
    for (const set of [train, test]) {
      if (!set.columns.some((column) => column.name === label)) {
        throw new InputError(
          `${set.file}: no label column ${JSON.stringify(label)} (columns: ${set.columns.slice(0, 10).map((column) => column.name).join(", ")}${set.columns.length > 10 ? ", \u2026" : ""})`
        );
      }
    }
  }
  const testColumns = new Map(test.columns.map((column) => [column.name, column]));
  const trainNames = new Set(train.columns.map((column) => column.name));
  const shared = [];
  for (const column of train.columns) {
    const other = testColumns.get(column.name);
    if (!other) continue;
    const sameType = column.type === other.type;
    const id = quoteIdentifier(column.name);
    const numeric = (type) => ["integer", "number"].includes(categoryOf(type));
    const bothNumeric = numeric(column.type) && numeric(other.type);
    shared.push({
      name: column.name,
      train: column,
      test: other,
      sql: sameType ? id : bothNumeric ? `CAST(${id} AS DOUBLE)` : `CAST(${id} AS VARCHAR)`,
      sameType
    });
  }
  const onlyInTrain = train.columns.filter((column) => !testColumns.has(column.name)).map((c) => c.name);
  const onlyInTest = test.columns.filter((column) => !trainNames.has(column.name)).map((c) => c.name);
  const excluded = (options.excluded ?? []).filter(
    (found) => found.column !== label && (trainNames.has(found.column) || testColumns.has(found.column))
  );
  const excludedNames = new Set(excluded.map((found) => found.column));
  const compared = shared.filter((column) => !excludedNames.has(column.name));
  const features = compared.filter((column) => column.name !== label);
  const labelColumn = shared.find((column) => column.name === label);
  const noFeatures = excluded.length > 0 && shared.some((column) => column.name !== label) ? `every ${label === void 0 ? "shared column" : "feature column"} is excluded (${showExcluded(excluded)})` : "no feature columns to compare";
  const checks = [];
  const location = (key) => {
    if (options.schemaFile === void 0) return void 0;
    const line = options.lines?.[key] ?? options.lines?.section;
    return { file: options.schemaFile, ...line === void 0 ? {} : { line } };
  };
  const add = (key, settings, name, column, ok, message, expected, observed) => {
    const status = ok ? "passed" : settings.severity === "error" ? "failed" : "warned";
    const where = location(key);
    checks.push({
      name,
      ...column === void 0 ? {} : { column },
      status,
      severity: settings.severity,
      message,
      ...expected === void 0 ? {} : { expected },
      ...observed === void 0 ? {} : { observed },
      ...where ? { location: where } : {}
    });
    return status;
  };
  const duplicatesOf = (set) => {
    const columns = set.columns.filter((column) => !excludedNames.has(column.name));
    return duplicateRows(
      set,
      config.duplicates,
      columns,
      columns.some((column) => column.name !== label) ? void 0 : noFeatures
    );
  };
  const trainDuplicates = await duplicatesOf(train);
  const testDuplicates = await duplicatesOf(test);
  const leftOut = excluded.length === 0 ? "" : `; left out: ${showExcluded(excluded)}`;
  const summary = {
    train: { file: train.file, rows: trainDuplicates.rows, columns: train.columns.length },
    test: { file: test.file, rows: testDuplicates.rows, columns: test.columns.length },
    ...label === void 0 ? {} : { label },
    excluded,
    columns: { onlyInTrain, onlyInTest }
  };
  if (config.columns.enabled) {
    const ok = onlyInTrain.length === 0 && onlyInTest.length === 0;
    const parts = [
      onlyInTrain.length > 0 ? `only in ${train.file}: ${listed(onlyInTrain)}` : "",
      onlyInTest.length > 0 ? `only in ${test.file}: ${listed(onlyInTest)}` : ""
    ].filter(Boolean);
    summary.columns.status = add(
      "columns",
      config.columns,
      "columns(train, test)",
      void 0,
      ok,
      ok ? `both sets have the same ${plural(shared.length, "column")}` : `${parts.join("; ")} (the other checks compare the ${plural(shared.length, "shared column")})`,
      "same columns",
      ok ? void 0 : { onlyInTrain, onlyInTest }
    );
  }
  if (config.duplicates.enabled) {
    for (const [set, found] of [
      ["train", trainDuplicates],
      ["test", testDuplicates]
    ]) {
      const file = set === "train" ? train.file : test.file;
      found.status = add(
        "duplicates",
        config.duplicates,
        `duplicates(${set})`,
        void 0,
        found.fraction <= found.maxFraction,
        found.skipped ? `not checked: ${found.skipped}` : found.duplicates === 0 ? `no row of ${file} repeats another (${plural(found.rows, "row")}${leftOut})` : `${found.duplicates} of ${plural(found.rows, "row")} of ${file} (${percent2(found.fraction)}) repeat an earlier row${leftOut}; at most ${percent2(found.maxFraction)} allowed; e.g. ${found.examples.map((e) => `${shownRow(e.row)} (${e.count} times)`).join(", ")}`,
        found.maxFraction,
        rounded(found.fraction)
      );
    }
    summary.duplicates = { train: trainDuplicates, test: testDuplicates };
  }
  const needsPairs = config.overlap.enabled || label !== void 0 && config.conflictingLabels.enabled;
  const pairs = needsPairs ? await sharedRows(train, test, features, labelColumn) : void 0;
  const testRows = summary.test.rows;
  if (config.overlap.enabled && pairs) {
    const comparedBy = label === void 0 ? "rows" : "features";
    const what = label === void 0 ? `all ${plural(features.length, "shared column")}` : `the ${plural(features.length, "feature column")}, label excluded`;
    const by = `${what}${leftOut}`;
    const fraction2 = testRows === 0 ? 0 : pairs.overlapRows / testRows;
    const overlap = {
      status: "passed",
      comparedBy,
      columns: features.length,
      rows: pairs.overlapRows,
      fraction: fraction2,
      maxFraction: config.overlap.maxFraction,
      examples: pairs.overlapExamples
    };
    if (features.length === 0) overlap.skipped = noFeatures;
    overlap.status = add(
      "overlap",
      config.overlap,
      "overlap(train, test)",
      void 0,
      fraction2 <= overlap.maxFraction,
      overlap.skipped ? `not checked: ${overlap.skipped}` : pairs.overlapRows === 0 ? `no test row appears in the training set (compared by ${by})` : `${pairs.overlapRows} of ${plural(testRows, "test row")} (${percent2(fraction2)}) also appear in the training set (compared by ${by}); at most ${percent2(overlap.maxFraction)} allowed; e.g. ${overlap.examples.map((e) => shownRow(e.row)).join(", ")}`,
      overlap.maxFraction,
      { rows: pairs.overlapRows, fraction: rounded(fraction2) }
    );
    summary.overlap = overlap;
  }
  if (label !== void 0 && labelColumn && config.conflictingLabels.enabled && pairs) {
    const settings = config.conflictingLabels;
    const withinTrain = await trainConflicts(train, features, labelColumn, settings.maxFraction);
    const across = {
      status: "passed",
      groups: pairs.conflictGroups,
      rows: pairs.conflictRows,
      fraction: pairs.labelledRows === 0 ? 0 : pairs.conflictRows / pairs.labelledRows,
      maxFraction: settings.maxFraction,
      examples: pairs.conflictExamples
    };
    for (const [name, found, where, total] of [
      ["conflicting_labels(train)", withinTrain, "of the training set", withinTrain.labelled],
      ["conflicting_labels(train, test)", across, "across both sets", pairs.labelledRows]
    ]) {
      if (features.length === 0) found.skipped = noFeatures;
      found.status = add(
        "conflicting_labels",
        settings,
        name,
        void 0,
        found.fraction <= found.maxFraction,
        found.skipped ? `not checked: ${found.skipped}` : found.groups === 0 ? `no identical features with different labels ${where}${leftOut}` : `${plural(found.groups, "group")} of identical features ${where} with different labels (${found.rows} of ${plural(total, "labelled row")}, ${percent2(found.fraction)}${leftOut}); at most ${percent2(found.maxFraction)} allowed; e.g. ${found.examples.map((e) => `${shownRow(e.row)}: ${showLabels(e)}`).join("; ")}`,
        found.maxFraction,
        { groups: found.groups, rows: found.rows, fraction: rounded(found.fraction) }
      );
    }
    const { labelled: _labelled, ...trainSummary } = withinTrain;
    summary.conflictingLabels = { train: trainSummary, trainTest: across };
  }
  const needsProfile = config.unseenCategories.enabled || label !== void 0 && config.leakage.enabled;
  const profile = needsProfile ? await trainProfile(train, compared, labelColumn, config.leakage.bins) : void 0;
  if (config.unseenCategories.enabled && profile) {
    const settings = config.unseenCategories;
    const unseen = await unseenCategories(train, test, compared, profile, settings, testRows);
    for (const found of unseen) {
      found.status = add(
        "unseen_categories",
        settings,
        "unseen_categories",
        found.column,
        found.fraction <= found.maxFraction,
        found.skipped ? `not checked: ${found.skipped}` : found.rows === 0 ? `every test value occurs in the training set (${plural(found.trainDistinct, "category", "categories")})` : `${found.rows} of ${plural(testRows, "test row")} (${percent2(found.fraction)}) have a value never seen in the training set (${plural(found.values, "new value")}); at most ${percent2(found.maxFraction)} allowed; e.g. ${found.examples.map((e) => `${show(e.value)} (${e.count})`).join(", ")}`,
        found.maxFraction,
        found.skipped ? void 0 : { rows: found.rows, fraction: rounded(found.fraction), values: found.values }
      );
    }
    summary.unseenCategories = unseen;
  }
  if (label !== void 0 && labelColumn && config.leakage.enabled && profile) {
    const settings = config.leakage;
    const scores = await leakageScores(train, test, features, labelColumn, profile, settings);
    summary.labelBinned = profile.labelEdges !== void 0;
    for (const found of scores) {
      const ok = found.skipped !== void 0 || found.score < found.maxScore;
      found.status = add(
        "leakage",
        settings,
        "leakage",
        found.column,
        ok,
        found.skipped ? `not checked: ${found.skipped}` : `${ok ? "" : "predicts the label almost alone: "}score ${found.score.toFixed(3)} (accuracy ${found.accuracy.toFixed(3)} on the test set vs ${found.baseline.toFixed(3)} by the majority label); ${ok ? "below" : "at least"} ${found.maxScore}`,
        found.maxScore,
        found.skipped ? void 0 : rounded(found.score)
      );
    }
    summary.leakage = [...scores].sort(
      (a, b) => b.score - a.score || (a.column < b.column ? -1 : a.column > b.column ? 1 : 0)
    );
  }
  return { checks, summary };
}
function rowStruct(columns) {
  return `{${columns.map((column) => `${quoteText(column.name)}: ${column.sql}`).join(", ")}}`;
}
async function duplicateRows(table2, { enabled, maxFraction }, compared, skipped) {
  if (!enabled || skipped !== void 0) {
    const [row2] = await table2.query(`SELECT count(*) AS n FROM ${table2.relation}`);
    const rows2 = count(row2?.n);
    return {
      status: "passed",
      ...skipped === void 0 ? {} : { skipped },
      rows: rows2,
      duplicates: 0,
      fraction: 0,
      maxFraction,
      examples: []
    };
  }
  const columns = compared.map((column) => ({ name: column.name, sql: quoteIdentifier(column.name) }));
  const [row] = await table2.query(
    `SELECT coalesce(sum(n), 0) AS mlci_rows, coalesce(sum(n - 1), 0) AS mlci_surplus,
       min_by({row: r, n: n}, {a: -n, b: r}, ${exampleCount}) FILTER (WHERE n > 1) AS mlci_examples
     FROM (SELECT ${rowStruct(columns)} AS r, count(*) AS n FROM ${table2.relation} GROUP BY ALL)`
  );
  const rows = count(row?.mlci_rows);
  const duplicates2 = count(row?.mlci_surplus);
  const examples = (row?.mlci_examples ?? []).map((e) => ({
    row: jsonRow(e.row),
    count: count(e.n)
  }));
  return {
    status: "passed",
    rows,
    duplicates: duplicates2,
    fraction: rows === 0 ? 0 : duplicates2 / rows,
    maxFraction,
    examples
  };
}
async function sharedRows(train, test, features, label) {
  const labelSql = label ? label.sql : "NULL";
  const select = (set, side) => `SELECT ${rowStruct(features)} AS r, ${labelSql} AS l, ${side} AS s FROM ${set.relation}`;
  if (features.length === 0) {
    const [labelled] = label ? await train.query(
      `SELECT (SELECT count(${label.sql}) FROM ${train.relation}) + (SELECT count(${label.sql}) FROM ${test.relation}) AS n`
    ) : [];
    return {
      overlapRows: 0,
      overlapExamples: [],
      labelledRows: count(labelled?.n),
      conflictGroups: 0,
      conflictRows: 0,
      conflictExamples: []
    };
  }
  const [row] = await train.query(
    `SELECT coalesce(sum(labelled), 0) AS labelled, coalesce(sum(test_n) FILTER (WHERE in_both), 0) AS overlap_rows,
       min_by({row: r, train: train_n, test: test_n}, {a: -test_n, b: r}, ${exampleCount}) FILTER (WHERE in_both) AS overlap_examples,
       count(*) FILTER (WHERE in_both AND lo <> hi) AS conflict_groups,
       coalesce(sum(labelled) FILTER (WHERE in_both AND lo <> hi), 0) AS conflict_rows,
       min_by({row: r, n: labelled, train: [train_lo, train_hi], test: [test_lo, test_hi]}, {a: -labelled, b: r}, ${exampleCount}) FILTER (WHERE in_both AND lo <> hi) AS conflict_examples
     FROM (
       SELECT r, count(*) FILTER (WHERE s = 0) AS train_n, count(*) FILTER (WHERE s = 1) AS test_n,
         count(l) AS labelled, min(l) AS lo, max(l) AS hi,
         min(l) FILTER (WHERE s = 0) AS train_lo, max(l) FILTER (WHERE s = 0) AS train_hi,
         min(l) FILTER (WHERE s = 1) AS test_lo, max(l) FILTER (WHERE s = 1) AS test_hi,
         bool_or(s = 0) AND bool_or(s = 1) AS in_both
       FROM (${select(train, 0)} UNION ALL ${select(test, 1)})
       GROUP BY r)`
  );
  return {
    overlapRows: count(row?.overlap_rows),
    overlapExamples: (row?.overlap_examples ?? []).map((e) => ({
      row: jsonRow(e.row),
      train: count(e.train),
      test: count(e.test)
    })),
    labelledRows: count(row?.labelled),
    conflictGroups: count(row?.conflict_groups),
    conflictRows: count(row?.conflict_rows),
    conflictExamples: (row?.conflict_examples ?? []).map((e) => ({
      row: jsonRow(e.row),
      rows: count(e.n),
      labels: distinctValues(e.train),
      testLabels: distinctValues(e.test)
    }))
  };
}
async function trainConflicts(train, features, label, maxFraction) {
  const labelSql = quoteIdentifier(label.name);
  if (features.length === 0) {
    const [row2] = await train.query(`SELECT count(${labelSql}) AS n FROM ${train.relation}`);
    return {
      status: "passed",
      groups: 0,
      rows: 0,
      fraction: 0,
      maxFraction,
      examples: [],
      labelled: count(row2?.n)
    };
  }
  const columns = features.map((column) => ({ name: column.name, sql: quoteIdentifier(column.name) }));
  const [row] = await train.query(
    `SELECT coalesce(sum(labelled), 0) AS labelled, count(*) FILTER (WHERE lo <> hi) AS groups,
       coalesce(sum(labelled) FILTER (WHERE lo <> hi), 0) AS conflict_rows,
       min_by({row: r, n: labelled, labels: [lo, hi]}, {a: -labelled, b: r}, ${exampleCount}) FILTER (WHERE lo <> hi) AS examples
     FROM (SELECT ${rowStruct(columns)} AS r, count(${labelSql}) AS labelled, min(${labelSql}) AS lo, max(${labelSql}) AS hi
           FROM ${train.relation} GROUP BY r)`
  );
  const labelled = count(row?.labelled);
  const rows = count(row?.conflict_rows);
  return {
    status: "passed",
    groups: count(row?.groups),
    rows,
    fraction: labelled === 0 ? 0 : rows / labelled,
    maxFraction,
    examples: (row?.examples ?? []).map((e) => ({
      row: jsonRow(e.row),
      rows: count(e.n),
      labels: distinctValues(e.labels)
    })),
    labelled
  };
}
function binnable(column) {
  const category = categoryOf(column.train.type);
  return column.sameType && (category === "integer" || category === "number" || category === "date" || category === "datetime");
}
function numericSql(column) {
  const id = quoteIdentifier(column.name);
  const category = categoryOf(column.train.type);
  return category === "date" || category === "datetime" ? `epoch(${id})` : `CAST(${id} AS DOUBLE)`;
}
function isText(column) {
  return categoryOf(column.train.type) === "string";
}
async function trainProfile(train, shared, label, bins) {
  const quantiles = `[${Array.from({ length: bins - 1 }, (_, index) => ((index + 1) / bins).toString()).join(", ")}]`;
  const aggregates = new Aggregates("h");
  const text = /* @__PURE__ */ new Map();
  const edges = /* @__PURE__ */ new Map();
  for (const column of shared) {
    const id = quoteIdentifier(column.name);
    if (isText(column)) {
      text.set(column.name, {
        distinct: aggregates.distinct(id, column.train.type),
        nonNull: aggregates.add(`count(${id})`)
      });
    }
    if (binnable(column))
      edges.set(column.name, aggregates.add(`quantile_disc(${numericSql(column)}, ${quantiles})`));
  }
  let labelDistinct;
  if (label && binnable(label) && ["integer", "number"].includes(categoryOf(label.train.type))) {
    labelDistinct = aggregates.distinct(quoteIdentifier(label.name), label.train.type);
  }
  const row = await aggregates.run(train);
  const edgesOf = (alias) => [...new Set((row[alias ?? ""] ?? []).map(Number))].filter((edge) => Number.isFinite(edge)).sort((a, b) => a - b);
  return {
    text: new Map(
      [...text].map(([name, aliases]) => [
        name,
        { distinct: count(row[aliases.distinct]), nonNull: count(row[aliases.nonNull]) }
      ])
    ),
    edges: new Map([...edges].map(([name, alias]) => [name, edgesOf(alias)])),
    ...label && labelDistinct !== void 0 && count(row[labelDistinct]) > maxLabelClasses ? { labelEdges: edgesOf(edges.get(label.name)) } : {}
  };
}
async function unseenCategories(train, test, shared, profile, settings, testRows) {
  const results = [];
  const checked = [];
  for (const column of shared) {
    const stats = profile.text.get(column.name);
    if (!stats) continue;
    const found = {
      status: "passed",
      column: column.name,
      rows: 0,
      values: 0,
      fraction: 0,
      maxFraction: settings.maxFraction,
      trainDistinct: stats.distinct,
      examples: []
    };
    if (stats.distinct > settings.maxDistinct) {
      found.skipped = `${stats.distinct} distinct training values, more than ${settings.maxDistinct} (an id or free text?)`;
    } else if (stats.distinct > alwaysCategorical && stats.distinct > settings.maxDistinctFraction * stats.nonNull) {
      found.skipped = `${stats.distinct} distinct values in ${stats.nonNull} training values, more than ${percent2(settings.maxDistinctFraction)} (an id or free text?)`;
    } else {
      checked.push(found);
    }
    results.push(found);
  }
  if (checked.length === 0) return results;
  const unnest = (set, cast) => `SELECT unnest([${checked.map((_, index) => index).join(", ")}]) AS c, unnest([${checked.map((found) => {
    const id = quoteIdentifier(found.column);
    return cast ? `CAST(${id} AS VARCHAR)` : id;
  }).join(", ")}]) AS v FROM ${set.relation}`;
  const testTyped = new Map(shared.map((column) => [column.name, column.test.type]));
  const castTest = checked.some((found) => categoryOf(testTyped.get(found.column) ?? "") !== "string");
  const rows = await train.query(
    `SELECT c, sum(n) AS rows, count(*) AS values, min_by({v: v, n: n}, {a: -n, b: v}, ${exampleCount}) AS examples
     FROM (
       SELECT t.c, t.v, count(*) AS n
       FROM (${unnest(test, castTest)}) t
       ANTI JOIN (SELECT DISTINCT c, v FROM (${unnest(train, false)}) WHERE v IS NOT NULL) s ON t.c = s.c AND t.v = s.v
       WHERE t.v IS NOT NULL
       GROUP BY t.c, t.v)
     GROUP BY c`
  );
  for (const row of rows) {
    const found = checked[count(row.c)];
    if (!found) continue;
    found.rows = count(row.rows);
    found.values = count(row.values);
    found.fraction = testRows === 0 ? 0 : found.rows / testRows;
    found.examples = (row.examples ?? []).map((e) => ({
      value: plain(e.v),
      count: count(e.n)
    }));
  }
  return results;
}
function binSql(value, edges) {
  if (edges.length === 0) return `CASE WHEN ${value} IS NULL THEN NULL ELSE '0' END`;
  const cases = edges.map((edge, index) => `WHEN ${value} <= ${doubleLiteral(edge)} THEN '${index}'`);
  return `CASE WHEN ${value} IS NULL THEN NULL ${cases.join(" ")} ELSE '${edges.length}' END`;
}
function doubleLiteral(value) {
  return `CAST('${String(value)}' AS DOUBLE)`;
}
async function leakageScores(train, test, features, label, profile, settings) {
  const results = features.map((column) => ({
    status: "passed",
    column: column.name,
    kind: profile.edges.has(column.name) ? "binned" : "categorical",
    score: 0,
    accuracy: 0,
    baseline: 0,
    maxScore: settings.maxScore
  }));
  if (features.length === 0) return results;
  const keys = features.map((column) => {
    const edges = profile.edges.get(column.name);
    return edges ? binSql(numericSql(column), edges) : `CAST(${quoteIdentifier(column.name)} AS VARCHAR)`;
  });
  const labelId = quoteIdentifier(label.name);
  const labelKey = profile.labelEdges ? binSql(`CAST(${labelId} AS DOUBLE)`, profile.labelEdges) : `CAST(${labelId} AS VARCHAR)`;
  const unnest = (set) => `SELECT unnest([${features.map((_, index) => index).join(", ")}]) AS f, unnest([${keys.join(", ")}]) AS k, ${labelKey} AS l
     FROM ${set.relation} WHERE ${labelId} IS NOT NULL`;
  const rows = await train.query(
    `WITH counts AS (SELECT f, k, l, count(*) AS n FROM (${unnest(train)}) GROUP BY ALL),
       predicted AS (SELECT f, k, min_by(l, {a: -n, b: l}) AS p FROM counts GROUP BY f, k),
       majority AS (SELECT min_by(l, {a: -n, b: l}) AS m FROM (SELECT l, sum(n) AS n FROM counts WHERE f = 0 GROUP BY l))
     SELECT t.f, count(*) AS rows,
       count(*) FILTER (WHERE coalesce(p.p, (SELECT m FROM majority)) = t.l) AS hits,
       count(*) FILTER (WHERE (SELECT m FROM majority) = t.l) AS baseline_hits
     FROM (${unnest(test)}) t LEFT JOIN predicted p ON p.f = t.f AND p.k IS NOT DISTINCT FROM t.k
     GROUP BY t.f`
  );
  const byFeature = new Map(rows.map((row) => [count(row.f), row]));
  results.forEach((found, index) => {
    const row = byFeature.get(index);
    const evaluated = count(row?.rows);
    if (evaluated === 0) {
      found.skipped = "the test set has no labelled rows";
      return;
    }
    found.accuracy = count(row?.hits) / evaluated;
    found.baseline = count(row?.baseline_hits) / evaluated;
    found.score = found.baseline >= 1 ? 0 : Math.max(0, (found.accuracy - found.baseline) / (1 - found.baseline));
  });
  return results;
}
function jsonRow(value) {
  if (typeof value !== "object" || value === null) return {};
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, plain(item)]));
}
function distinctValues(value) {
  if (!Array.isArray(value)) return [];
  const seen = /* @__PURE__ */ new Set();
  const values = [];
  for (const item of value.map(plain)) {
    if (item === null || item === void 0) continue;
    const key = JSON.stringify(item);
    if (seen.has(key)) continue;
    seen.add(key);
    values.push(item);
  }
  return values;
}
function showLabels(example) {
  const list = (values) => values.map(show).join(" and ");
  if (example.testLabels === void 0) return `labels ${list(example.labels)}`;
  const train = example.labels.length > 0 ? `train ${list(example.labels)}` : "";
  const test = example.testLabels.length > 0 ? `test ${list(example.testLabels)}` : "";
  return [train, test].filter(Boolean).join(", ");
}
var maxRowText = 160;
function exampleCode(value) {
  return codeSpan(typeof value === "string" ? value : show(value)).markdown;
}
function shownRow(row) {
  const text = show(row);
  return text.length > maxRowText ? `${text.slice(0, maxRowText - 1)}\u2026` : text;
}
function percent2(fraction2) {
  return `${Number((fraction2 * 100).toPrecision(3))}%`;
}
function rounded(value) {
  return Number(value.toPrecision(6));
}
function showExcluded(excluded) {
  const shown2 = excluded.slice(0, 10).map((found) => `${show(found.column)} (${found.reasons.join(", ")})`);
  return `${shown2.join(", ")}${excluded.length > 10 ? `, \u2026 (${excluded.length})` : ""}`;
}
function listed(names) {
  return `${names.slice(0, 10).map(show).join(", ")}${names.length > 10 ? `, \u2026 (${names.length})` : ""}`;
}
var statusIcons = { passed: "\u2705", failed: "\u274C", warned: "\u26A0\uFE0F", skipped: "\u23ED\uFE0F" };
var maxListed = 10;
function renderHygiene(summary) {
  const { train, test, label } = summary;
  const lines = [
    "### Train/test hygiene",
    "",
    `**Train:** ${codeSpan(train.file)} (${plural(train.rows, "row")}) \xB7 **Test:** ${codeSpan(test.file)} (${plural(test.rows, "row")})${label === void 0 ? "" : ` \xB7 **Label:** ${codeSpan(label)}${summary.labelBinned ? " (binned: numeric with many values)" : ""}`}`,
    ""
  ];
  if (summary.excluded.length > 0) {
    const named = summary.excluded.map((found) => `${codeSpan(found.column)} (${found.reasons.join(", ")})`).join(", ");
    lines.push(`**Left out of the comparisons** (keys are not features): ${named}`, "");
  }
  const rows = [];
  const details = [];
  const icon = (status, skipped) => skipped ? "\u2796" : status ? statusIcons[status] : "";
  const flagged = (status) => status === "failed" || status === "warned";
  if (summary.columns.status) {
    const { onlyInTrain, onlyInTest } = summary.columns;
    const same = onlyInTrain.length === 0 && onlyInTest.length === 0;
    rows.push([
      icon(summary.columns.status),
      "same columns",
      same ? "yes" : new InlineMarkdown(
        [
          onlyInTrain.length > 0 ? md`only in train: ${listed(onlyInTrain)}` : "",
          onlyInTest.length > 0 ? md`only in test: ${listed(onlyInTest)}` : ""
        ].filter((part) => part !== "").join("; ")
      ),
      ""
    ]);
  }
  if (summary.duplicates) {
    for (const [set, found] of Object.entries(summary.duplicates)) {
      rows.push([
        icon(found.status, found.skipped),
        `duplicate rows (${set})`,
        found.skipped ?? `${found.duplicates} of ${found.rows} (${percent2(found.fraction)})`,
        `\u2264 ${percent2(found.maxFraction)}`
      ]);
      if (flagged(found.status) && found.examples.length > 0) {
        details.push(
          `**Duplicate rows (${set}):**`,
          "",
          ...found.examples.map((e) => `- ${codeSpan(shownRow(e.row))} \xD7 ${e.count}`),
          ""
        );
      }
    }
  }
  if (summary.overlap) {
    const found = summary.overlap;
    rows.push([
      icon(found.status, found.skipped),
      `test rows also in train (by ${found.comparedBy === "features" ? "features" : "whole rows"})`,
      found.skipped ?? `${found.rows} of ${test.rows} (${percent2(found.fraction)})`,
      `\u2264 ${percent2(found.maxFraction)}`
    ]);
    if (flagged(found.status) && found.examples.length > 0) {
      details.push(
        "**Test rows also in train:**",
        "",
        ...found.examples.map((e) => `- ${codeSpan(shownRow(e.row))} (train \xD7 ${e.train}, test \xD7 ${e.test})`),
        ""
      );
    }
  }
  if (summary.conflictingLabels) {
    for (const [what, found] of [
      ["train", summary.conflictingLabels.train],
      ["train + test", summary.conflictingLabels.trainTest]
    ]) {
      rows.push([
        icon(found.status, found.skipped),
        `conflicting labels (${what})`,
        found.skipped ?? `${plural(found.groups, "group")}, ${plural(found.rows, "row")} (${percent2(found.fraction)})`,
        `\u2264 ${percent2(found.maxFraction)}`
      ]);
      if (flagged(found.status) && found.examples.length > 0) {
        details.push(
          `**Conflicting labels (${what}):**`,
          "",
          ...found.examples.map((e) => `- ${codeSpan(shownRow(e.row))}: ${literalText(showLabels(e))}`),
          ""
        );
      }
    }
  }
  if (summary.unseenCategories) {
    const checked = summary.unseenCategories.filter((found) => !found.skipped);
    const withNew = checked.filter((found) => found.rows > 0).sort((a, b) => b.rows - a.rows);
    const skipped = summary.unseenCategories.length - checked.length;
    const worst = withNew.some((found) => found.status === "failed") ? "failed" : withNew.some((found) => found.status === "warned") ? "warned" : "passed";
    rows.push([
      icon(worst),
      "categories unseen in train",
      `${withNew.length} of ${plural(checked.length, "text column")} with new values${skipped > 0 ? ` (${skipped} skipped: too many distinct values)` : ""}`,
      `\u2264 ${percent2(summary.unseenCategories[0]?.maxFraction ?? 0)} of test rows`
    ]);
    if (withNew.length > 0) {
      details.push(
        "**Categories unseen in train:**",
        "",
        table(
          ["Column", "Test rows", "New values", "Examples"],
          withNew.slice(0, maxListed).map((found) => [
            literalText(found.column),
            `${found.rows} (${percent2(found.fraction)})`,
            String(found.values),
            new InlineMarkdown(
              found.examples.map((e) => `${exampleCode(e.value)} \xD7 ${e.count}`).join(", ")
            )
          ])
        ),
        ...withNew.length > maxListed ? ["", `\u2026 and ${withNew.length - maxListed} more columns`] : [],
        ""
      );
    }
  }
  if (summary.leakage) {
    const evaluated = summary.leakage.filter((found) => !found.skipped);
    const leaking = evaluated.filter((found) => flagged(found.status));
    const maxScore = summary.leakage[0]?.maxScore ?? 0;
    const top = evaluated[0];
    rows.push([
      icon(
        leaking.some((found) => found.status === "failed") ? "failed" : leaking.length > 0 ? "warned" : "passed",
        evaluated.length === 0 ? summary.leakage[0]?.skipped : void 0
      ),
      "single-feature leakage",
      evaluated.length === 0 ? summary.leakage[0]?.skipped ?? "no features" : new InlineMarkdown(
        leaking.length > 0 ? leaking.map((found) => `${codeSpan(found.column)} (${found.score.toFixed(2)})`).join(", ") : `highest: ${codeSpan(top?.column ?? "")} (${top?.score.toFixed(2)})`
      ),
      `score < ${maxScore}`
    ]);
    if (evaluated.length > 0) {
      details.push(
        "<details><summary>Predictive power of single features (leakage)</summary>",
        "",
        table(
          ["Feature", "Score", "Accuracy", "Baseline", "Values"],
          evaluated.slice(0, maxListed).map((found) => [
            md`${found.status === "passed" ? "" : `${statusIcons[found.status]} `}${found.column}`,
            found.score.toFixed(3),
            found.accuracy.toFixed(3),
            found.baseline.toFixed(3),
            found.kind
          ])
        ),
        "",
        "Score = (accuracy \u2212 baseline) / (1 \u2212 baseline), on the test set, predicting the label by the majority label of each value (or quantile bin) in train.",
        "",
        "</details>",
        ""
      );
    }
  }
  lines.push(table(["", "Check", "Result", "Threshold"], rows), "");
  if (details.length > 0) lines.push(...details);
  return `${lines.join("\n").trimEnd()}
`;
}

// packages/core/src/steps/validate-data/profile.ts
var profileBins = 100;
var rawValueRows = 1e3;
var maxProfileCategories = 1e4;
function kindOf(duckdbType) {
  const category = categoryOf(duckdbType);
  if (category === "integer" || category === "number") return "numeric";
  if (category === "string" || category === "boolean") return "categorical";
  return "other";
}
function doubleOf(name) {
  return `CAST(${quoteIdentifier(name)} AS DOUBLE)`;
}
function doubleLiteral2(value) {
  return `CAST('${String(value)}' AS DOUBLE)`;
}
function nextUp(value) {
  if (!Number.isFinite(value)) return value;
  if (value === 0) return Number.MIN_VALUE;
  const bits = new Float64Array([value]);
  const integer = new BigInt64Array(bits.buffer);
  integer[0] = integer[0] + (value > 0 ? 1n : -1n);
  return bits[0];
}
function binnedHistogram(value, edges) {
  const k = edges.length - 1;
  const last = edges[k];
  const boundaries = [-nextUp(last), ...[...new Set(edges)].reverse().map((edge) => -edge)];
  const slotOf = /* @__PURE__ */ new Map();
  edges.forEach((edge, j) => {
    slotOf.set(-edge, j === k ? k : j + 1);
  });
  slotOf.set(-nextUp(last), k + 1);
  const sql = `histogram(-${value}, [${boundaries.map(doubleLiteral2).join(", ")}])`;
  const slots = (raw) => {
    const counts = new Array(k + 2).fill(0);
    for (const entry of raw ?? []) {
      const key = entry.key === null ? Number.POSITIVE_INFINITY : Number(entry.key);
      const slot = key === Number.POSITIVE_INFINITY ? 0 : slotOf.get(key);
      if (slot === void 0) throw new Error(`histogram: unexpected bucket ${String(entry.key)}`);
      counts[slot] = (counts[slot] ?? 0) + count(entry.value);
    }
    return counts;
  };
  return { sql, slots };
}
function percentileEdgesSql(sorted) {
  return `list_select(${sorted}, list_transform(range(${profileBins + 1}), k -> greatest(1, (len(${sorted}) * k + ${profileBins - 1}) // ${profileBins})))`;
}
function withFinite(relation, names) {
  if (names.length === 0) return relation;
  const finite2 = names.map((name, i) => {
    const x = doubleOf(name);
    return `CASE WHEN isfinite(${x}) THEN ${x} END AS ${finiteName(i)}`;
  });
  return `(SELECT *, ${finite2.join(", ")} FROM ${relation})`;
}
function finiteName(index) {
  return `"mlci finite ${index}"`;
}
function stable(value) {
  if (typeof value !== "number" || !Number.isFinite(value)) return void 0;
  const rounded2 = Number(value.toPrecision(12));
  return rounded2 === 0 ? 0 : rounded2;
}
function finite(value) {
  return typeof value === "number" && Number.isFinite(value) ? value === 0 ? 0 : value : void 0;
}
function distinctEdges(quantiles) {
  const edges = [];
  for (const q of quantiles) if (edges.length === 0 || q > edges[edges.length - 1]) edges.push(q);
  return edges;
}
var profileAggregatesPerQuery = 2048;
var countedCategoriesLimit = 2 * maxProfileCategories;
async function profileTable(table2, options) {
  const columns = table2.columns.filter((column) => !options.columns || options.columns.has(column.name));
  const select = ['count(*) AS "rows"'];
  const replaced = /* @__PURE__ */ new Map();
  const alias = (sql) => {
    select.push(`${sql} AS c${select.length}`);
    return `c${select.length - 1}`;
  };
  const numeric = columns.filter((column) => kindOf(column.type) === "numeric").map((column) => column.name);
  const numericIndex = new Map(numeric.map((name, i) => [name, i]));
  const plans = columns.map((column) => {
    const id = quoteIdentifier(column.name);
    const kind = kindOf(column.type);
    const countsOnly = options.countsOnly?.has(column.name) ?? false;
    const aliases = { nonNull: alias(`count(${id})`) };
    let edges = countsOnly ? void 0 : options.edges?.get(column.name);
    let slots;
    if (kind === "numeric") {
      const x = finiteName(numericIndex.get(column.name));
      aliases.finite = alias(`count(${x})`);
      if (!countsOnly) {
        aliases.min = alias(`min(${x})`);
        aliases.max = alias(`max(${x})`);
        aliases.mean = alias(`avg(${x})`);
        aliases.std = alias(`stddev_pop(${x})`);
      }
      if (edges && edges.length >= 2) {
        const binned = binnedHistogram(x, edges);
        aliases.histogram = alias(binned.sql);
        slots = binned.slots;
      } else {
        edges = void 0;
        if (!countsOnly) {
          aliases.quantiles = alias(`list_sort(list_filter(list(${x}), v -> v IS NOT NULL))`);
          replaced.set(aliases.quantiles, percentileEdgesSql(aliases.quantiles));
        }
      }
    } else if (kind === "categorical") {
      if (options.categories?.has(column.name) && !countsOnly) {
        aliases.frequencies = alias(`histogram(CAST(${id} AS VARCHAR))`);
      } else if (!countsOnly) {
        aliases.distinct = alias(`approx_count_distinct(${id})`);
      }
    } else {
      aliases.min = alias(`CAST(min(${id}) AS VARCHAR)`);
      aliases.max = alias(`CAST(max(${id}) AS VARCHAR)`);
    }
    return { column, kind, countsOnly, aliases, edges, slots };
  });
  const source = withFinite(table2.relation, numeric);
  const row = {};
  const expressions = select.slice(1);
  for (let start = 0; start === 0 || start < expressions.length; start += profileAggregatesPerQuery) {
    const names = expressions.slice(start, start + profileAggregatesPerQuery).map((_, i) => `c${start + i + 1}`);
    const first = start === 0 ? ['"rows"'] : [];
    const aggregates = `SELECT ${[...start === 0 ? [select[0]] : [], ...expressions.slice(start, start + profileAggregatesPerQuery)].join(", ")} FROM ${source}`;
    const [part = {}] = await table2.query(
      names.some((name) => replaced.has(name)) ? `SELECT ${[...first, ...names].map((name) => replaced.has(name) ? `${replaced.get(name)} AS ${name}` : name).join(", ")} FROM (${aggregates})` : aggregates
    );
    Object.assign(row, part);
  }
  const rows = count(row.rows);
  const second = [];
  const later = (sql) => {
    second.push(`${sql} AS h${second.length}`);
    return `h${second.length - 1}`;
  };
  const ownBins = /* @__PURE__ */ new Map();
  const frequencyAliases = /* @__PURE__ */ new Map();
  for (const plan of plans) {
    if (plan.kind === "numeric" && plan.aliases.quantiles) {
      const quantiles = (row[plan.aliases.quantiles] ?? []).map(Number);
      const edges = distinctEdges(quantiles.filter(Number.isFinite));
      if (edges.length === 0) continue;
      const bins = edges.length === 1 ? [edges[0], edges[0]] : edges;
      const binned = binnedHistogram(finiteName(numericIndex.get(plan.column.name)), bins);
      ownBins.set(plan.column.name, { edges: bins, alias: later(binned.sql), slots: binned.slots });
    } else if (plan.kind === "categorical" && !plan.countsOnly) {
      if (plan.aliases.frequencies) {
        frequencyAliases.set(plan.column.name, { row: "first", alias: plan.aliases.frequencies });
      } else if (count(row[plan.aliases.distinct ?? ""]) <= countedCategoriesLimit) {
        frequencyAliases.set(plan.column.name, {
          row: "second",
          alias: later(`histogram(CAST(${quoteIdentifier(plan.column.name)} AS VARCHAR))`)
        });
      }
    }
  }
  const [secondRow = {}] = second.length > 0 ? await table2.query(`SELECT ${second.join(", ")} FROM ${source}`) : [];
  const keepValues = (options.values ?? true) && rows <= rawValueRows;
  const numericNames = plans.filter((plan) => plan.kind === "numeric" && !plan.countsOnly).map((plan) => plan.column.name);
  const values = keepValues ? await numericValues(table2, numericNames) : /* @__PURE__ */ new Map();
  const profiles = plans.map(({ column, kind, aliases, edges, slots }) => {
    const nonNull = count(row[aliases.nonNull ?? ""]);
    const base = { name: column.name, type: column.type };
    if (kind === "numeric") {
      const own = ownBins.get(column.name);
      const bins = edges && slots ? { edges: [...edges], counts: slots(row[aliases.histogram ?? ""]) } : own ? { edges: own.edges, counts: own.slots(secondRow[own.alias]) } : void 0;
      const columnValues2 = values.get(column.name);
      return {
        ...base,
        kind,
        count: nonNull,
        nulls: rows - nonNull,
        nonFinite: nonNull - count(row[aliases.finite ?? ""]),
        ...optional("min", finite(row[aliases.min ?? ""])),
        ...optional("max", finite(row[aliases.max ?? ""])),
        ...optional("mean", stable(row[aliases.mean ?? ""])),
        ...optional("std", stable(row[aliases.std ?? ""])),
        ...bins ? { bins } : {},
        ...columnValues2 ? { values: columnValues2 } : {}
      };
    }
    if (kind === "categorical") {
      const source2 = frequencyAliases.get(column.name);
      const found = source2 ? topCategories((source2.row === "first" ? row : secondRow)[source2.alias]) : (
        // Not counted (too many distinct values, or not asked for): the estimate, every value under `other`.
        { categories: [], distinct: count(row[aliases.distinct ?? ""]) }
      );
      const listed2 = found.categories.reduce((sum, [, n]) => sum + n, 0);
      return {
        ...base,
        kind,
        count: nonNull,
        nulls: rows - nonNull,
        distinct: found.distinct,
        categories: found.categories,
        other: nonNull - listed2
      };
    }
    const min4 = row[aliases.min ?? ""];
    const max2 = row[aliases.max ?? ""];
    return {
      ...base,
      kind,
      count: nonNull,
      nulls: rows - nonNull,
      ...optional("min", typeof min4 === "string" ? min4 : void 0),
      ...optional("max", typeof max2 === "string" ? max2 : void 0)
    };
  });
  return {
    mlci: "profile",
    version: 1,
    data: { file: options.file, format: table2.format, digest: options.digest, rows },
    columns: profiles
  };
}
function optional(key, value) {
  return value === void 0 ? {} : { [key]: value };
}
function compareCategories(a, b) {
  if (a[1] !== b[1]) return b[1] - a[1];
  return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0;
}
function topCategories(raw) {
  const all = (raw ?? []).map((entry) => [
    String(entry.key),
    count(entry.value)
  ]);
  all.sort(compareCategories);
  return { categories: all.slice(0, maxProfileCategories), distinct: all.length };
}
async function numericValues(table2, names) {
  const result = /* @__PURE__ */ new Map();
  if (names.length === 0) return result;
  const [row = {}] = await table2.query(
    `SELECT ${names.map((name, i) => {
      const x = doubleOf(name);
      return `coalesce(list_sort(list_filter(list(${x}), v -> isfinite(v))), []) AS v${i}`;
    }).join(", ")} FROM ${table2.relation}`
  );
  names.forEach((name, i) => {
    const values = row[`v${i}`] ?? [];
    result.set(
      name,
      values.map((v) => v === 0 ? 0 : Number(v))
    );
  });
  return result;
}
function profileText(profile) {
  return `${serialize(profile, "")}
`;
}
function serialize(value, indent) {
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.every((item) => item === null || typeof item !== "object")) {
      return `[${value.map((item) => JSON.stringify(item)).join(", ")}]`;
    }
    if (value.length === 0) return "[]";
    return `[
${value.map((item) => `${inner}${serialize(item, inner)}`).join(",\n")}
${indent}]`;
  }
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value).filter(([, item]) => item !== void 0);
    if (entries.length === 0) return "{}";
    return `{
${entries.map(([key, item]) => `${inner}${JSON.stringify(key)}: ${serialize(item, inner)}`).join(",\n")}
${indent}}`;
  }
  return JSON.stringify(value);
}
var countSchema = number().int().min(0);
var numericSchema = object({
  name: string(),
  type: string(),
  kind: literal("numeric"),
  count: countSchema,
  nulls: countSchema,
  nonFinite: countSchema,
  min: number().optional(),
  max: number().optional(),
  mean: number().optional(),
  std: number().min(0).optional(),
  bins: object({ edges: array(number()).min(2), counts: array(countSchema) }).strict().refine((bins) => bins.counts.length === bins.edges.length + 1, {
    message: "counts must have one more entry than edges (below, one per bin, above)"
  }).refine((bins) => bins.edges.every((edge, i) => i === 0 || edge >= bins.edges[i - 1]), {
    message: "edges must ascend"
  }).optional(),
  values: array(number()).optional()
}).strict();
var categoricalSchema = object({
  name: string(),
  type: string(),
  kind: literal("categorical"),
  count: countSchema,
  nulls: countSchema,
  distinct: countSchema,
  categories: array(tuple([string(), countSchema])),
  other: countSchema
}).strict();
var otherSchema = object({
  name: string(),
  type: string(),
  kind: literal("other"),
  count: countSchema,
  nulls: countSchema,
  min: string().optional(),
  max: string().optional()
}).strict();
var profileSchema = object({
  mlci: literal("profile"),
  version: literal(1),
  data: object({
    file: string(),
    format: _enum([...dataFormats, "profiles"]),
    digest: string().regex(/^sha256:[0-9a-f]{64}$/),
    rows: countSchema,
    partitions: array(string()).optional()
  }).strict(),
  columns: array(discriminatedUnion("kind", [numericSchema, categoricalSchema, otherSchema]))
}).strict();
function isProfileFile(file) {
  return file.toLowerCase().endsWith(".json");
}
async function loadProfile(path, file) {
  let text;
  try {
    text = (await readInputFile(path, file)).toString("utf8");
  } catch (error) {
    if (error instanceof InputError) throw error;
    const code = error.code;
    if (code === "ENOENT") throw new InputError(`${file}: no such file`);
    throw new InputError(`${file}: cannot read profile (${code ?? String(error)})`);
  }
  return parseProfile(text, file);
}
function parseProfile(text, file) {
  const value = parseJson(text, `${file}: not a profile`);
  if (typeof value !== "object" || value === null || value.mlci !== "profile") {
    throw new InputError(
      `${file}: not an mlci profile (expected "mlci": "profile"; write one with --write-profile)`
    );
  }
  const parsed = profileSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue.path.map(String);
    if (issue.code === "unrecognized_keys") path.push(String(issue.keys[0]));
    if (path[0] === "columns" && path[1] !== void 0) {
      const name = value.columns?.[Number(path[1])]?.name;
      if (typeof name === "string") path[1] = JSON.stringify(name);
    }
    const message = issue.code === "unrecognized_keys" ? "unknown key" : issue.message;
    throw new InputError(`${file}: ${path.join(".") || "(top level)"}: ${message}`);
  }
  const profile = parsed.data;
  const names = /* @__PURE__ */ new Set();
  for (const column of profile.columns) {
    if (names.has(column.name))
      throw new InputError(`${file}: columns: column ${JSON.stringify(column.name)} appears twice`);
    names.add(column.name);
    if (column.count + column.nulls !== profile.data.rows) {
      throw new InputError(
        `${file}: columns.${JSON.stringify(column.name)}: count + nulls (${column.count + column.nulls}) is not data.rows (${profile.data.rows})`
      );
    }
  }
  return profile;
}

export {
  reportOptions,
  reportIdFromJobName,
  alertFor,
  reportFileAlert,
  MINLOG,
  chiSquareSurvival,
  SeededRandom,
  sortFloat64InPlace,
  BOOTSTRAP_METRICS,
  DEFAULT_RESAMPLES,
  DEFAULT_CONFIDENCE,
  DEFAULT_BOOTSTRAP_SEED,
  LINEARIZED_GROUPS,
  LINEARIZATION_CHECKS,
  pairedBootstrap,
  quantileSorted,
  drawRowWeights,
  groupedSum,
  mcnemarTest,
  labelChecks,
  validateDataInput,
  formatLabels,
  formatOf,
  relations,
  quoteIdentifier,
  withData,
  withDatasets,
  defaultHygieneConfig,
  hygieneKeys,
  hygieneExclusions,
  checkHygiene,
  renderHygiene,
  loadSchema,
  categoryOf,
  isCompatible,
  Aggregates,
  count,
  show,
  checkData,
  rawValueRows,
  maxProfileCategories,
  doubleOf,
  distinctEdges,
  profileTable,
  compareCategories,
  numericValues,
  profileText,
  isProfileFile,
  loadProfile,
  mermaidText,
  chartNumber,
  xychartFor
};
