#!/usr/bin/env node
import { createRequire as __mlciCreateRequire } from 'node:module';
const require = __mlciCreateRequire(import.meta.url);
import {
  AVERAGED_METRICS,
  BINARY_METRICS,
  SCORE_METRICS
} from "./chunk-TJKDTMP2.mjs";
import {
  visibleLine
} from "./chunk-5PJDXVWP.mjs";

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
function regularizedGammaP(a, x) {
  if (x === 0) return 0;
  if (x < 0 || a <= 0 || Number.isNaN(a) || Number.isNaN(x)) return Number.NaN;
  const absxmaA = abs(x - a) / a;
  if (a > IGAM_SMALL && a < IGAM_LARGE && absxmaA < IGAM_SMALLRATIO) return igamAsymptoticSeries(a, x, true);
  if (a > IGAM_LARGE && absxmaA < IGAM_LARGERATIO / sqrt(a)) return igamAsymptoticSeries(a, x, true);
  if (x > 1 && x > a) return 1 - regularizedGammaQ(a, x);
  return igamSeries(a, x);
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
      const count = counts[j];
      if (remainingDraws === 0 || count === 0) {
        out[j] = 0;
        continue;
      }
      const drawn = count >= remainingCount ? remainingDraws : this.binomial(remainingDraws, count / remainingCount);
      out[j] = drawn;
      remainingDraws -= drawn;
      remainingCount -= count;
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
function sortOrderUnitInterval(values) {
  const n = values.length;
  const bits = new Uint32Array(values.buffer, values.byteOffset, 2 * n);
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
function rankScores(scores, labels, positive) {
  const n = scores.length;
  const { order, hi, lo } = sortOrderUnitInterval(scores);
  const groupOf = new Int32Array(n);
  const positives = new Float64Array(n);
  const negatives = new Float64Array(n);
  let groups = 0;
  for (let j = 0; j < n; j++) {
    const row = order[j];
    if (j === 0 || hi[j] !== hi[j - 1] || lo[j] !== lo[j - 1]) groups++;
    groupOf[row] = groups - 1;
    if (labels[row] === positive) positives[groups - 1]++;
    else negatives[groups - 1]++;
  }
  return {
    scores,
    labels,
    positive,
    groupOf,
    groups,
    positives: positives.slice(0, groups),
    negatives: negatives.slice(0, groups)
  };
}
function matches(ranking, scores, labels, positive) {
  if (ranking?.scores !== scores || ranking.positive !== positive) return false;
  if (ranking.labels === labels) return true;
  if (ranking.labels.length !== labels.length) return false;
  for (let i = 0; i < labels.length; i++) if (ranking.labels[i] !== labels[i]) return false;
  return true;
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
    dense.forEach((count, key) => {
      if (count > 0) cellCounts.set(key, count);
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
function scoreGroups(model, labels, positive, isPositive) {
  const scores = model.scores;
  const n = scores.length;
  const ranking = matches(model.scoreRanking, scores, labels, positive) ? model.scoreRanking : rankScores(scores, labels, positive);
  const loss = new Float64Array(n);
  const upper = 1 - LOG_LOSS_EPS;
  for (let i = 0; i < n; i++) {
    const s = scores[i];
    const clipped = min2(max(s, LOG_LOSS_EPS), upper);
    loss[i] = -log3(isPositive[i] ? clipped : 1 - clipped);
  }
  return { ...ranking, loss };
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
  const candidate = new WeightedScoreMetrics(
    scoreGroups(input.candidate, input.labels, positive, isPositive)
  );
  const baseline = new WeightedScoreMetrics(scoreGroups(input.baseline, input.labels, positive, isPositive));
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
function discordantPairs(labels, candidate, baseline) {
  const n = labels.length;
  if (candidate.length !== n || baseline.length !== n)
    throw new RangeError(
      `McNemar: ${n} labels but ${candidate.length} candidate and ${baseline.length} baseline predictions`
    );
  let b = 0;
  let c = 0;
  for (let i = 0; i < n; i++) {
    const label = labels[i];
    const candidateRight = candidate[i] === label;
    if (candidateRight !== (baseline[i] === label)) {
      if (candidateRight) b++;
      else c++;
    }
  }
  return { b, c };
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

export {
  MINLOG,
  logGamma,
  erf,
  erfc,
  hurwitzZeta,
  regularizedGammaP,
  regularizedGammaQ,
  chiSquareSurvival,
  SeededRandom,
  sortFloat64InPlace,
  rankScores,
  matches,
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
  MCNEMAR_EXACT_BELOW,
  mcnemarTest,
  discordantPairs,
  mermaidText,
  chartNumber,
  xychartFor
};
