"""Reference gravity values for SphericalHarmonicGravityTests, computed independently with mpmath at 40 digits:
the potential summed in spherical coordinates from unnormalized associated Legendre functions (no normalized
recursion, no Cartesian harmonics), its first and second Cartesian derivatives by mpmath's high-precision numerical
differentiation. Usage: python3 make_reference.py JGM3.gfc EGM2008_120.gfc > gravity_reference.csv"""
import sys
import mpmath as mp

mp.mp.dps = 40


def read_gfc(path):
    gm = radius = None
    coefficients = {}
    head = True
    for line in open(path):
        f = line.split()
        if head:
            if f and f[0] == 'earth_gravity_constant':
                gm = mp.mpf(f[1].upper().replace('D', 'E')) / 10**9
            if f and f[0] == 'radius':
                radius = mp.mpf(f[1].upper().replace('D', 'E')) / 1000
            if line.startswith('end_of_head'):
                head = False
            continue
        if f and f[0] == 'gfc':
            coefficients[(int(f[1]), int(f[2]))] = (mp.mpf(f[3].upper().replace('D', 'E')), mp.mpf(f[4].upper().replace('D', 'E')))
    return gm, radius, coefficients


def potential_function(gm, radius, coefficients, degree, order):
    unnormalized = {}
    for (n, m), (c, s) in coefficients.items():
        if n <= degree and m <= order:
            norm = mp.sqrt((1 if m == 0 else 2) * (2 * n + 1) * mp.factorial(n - m) / mp.factorial(n + m))
            unnormalized[(n, m)] = (c * norm, s * norm)

    def U(x, y, z):
        r = mp.sqrt(x * x + y * y + z * z)
        t = z / r
        u = mp.sqrt(x * x + y * y) / r
        lon = mp.atan2(y, x)
        total = mp.mpf(0)
        for m in range(order + 1):
            pmm = mp.mpf(1)
            for k in range(1, m + 1):
                pmm *= (2 * k - 1) * u
            p_prev2, p_prev = mp.mpf(0), pmm
            cm, sm = mp.cos(m * lon), mp.sin(m * lon)
            for n in range(m, degree + 1):
                if n == m:
                    p = pmm
                else:
                    p = ((2 * n - 1) * t * p_prev - (n + m - 1) * p_prev2) / (n - m)
                    p_prev2, p_prev = p_prev, p
                if (n, m) in unnormalized:
                    c, s = unnormalized[(n, m)]
                    total += (radius / r) ** n * p * (c * cm + s * sm)
        return gm / r * total

    return U


POINTS = [
    ('leo_equator', 6778.137, 0.0, 0.0),
    ('leo_midlat', 3500.0, -2800.0, 5200.0),
    ('leo_southern', -4100.0, 1500.0, -5300.0),
    ('near_pole', 0.0123, 0.0081, 6800.0),
    ('pole', 0.0, 0.0, -6790.0),
    ('meo', 15000.0, 21000.0, -3000.0),
    ('geo', 42164.0, 0.0, 0.0),
]

print('model,degree,order,point,xKm,yKm,zKm,U,ax,ay,az,gxx,gxy,gxz,gyy,gyz,gzz')
for path, degree, points in [(sys.argv[1], 70, POINTS), (sys.argv[2], 120, POINTS[:4])]:
    gm, radius, coefficients = read_gfc(path)
    model = 'JGM3' if degree == 70 else 'EGM2008'
    U = potential_function(gm, radius, coefficients, degree, degree)
    for name, x, y, z in points:
        p = [mp.mpf(x), mp.mpf(y), mp.mpf(z)]
        u0 = U(*p)
        h = mp.mpf('1e-6')
        # Central differences of order 4 with h = 1 mm give 1e-24 relative truncation at 40 digits.
        def d1(i):
            def at(k):
                q = list(p); q[i] += k * h; return U(*q)
            return (-at(2) + 8 * at(1) - 8 * at(-1) + at(-2)) / (12 * h)
        def d2(i, j):
            def at(a, b):
                q = list(p); q[i] += a * h; q[j] += b * h; return U(*q)
            if i == j:
                return (-at(2, 0) + 16 * at(1, 0) - 30 * u0 + 16 * at(-1, 0) - at(-2, 0)) / (12 * h * h)
            return (at(1, 1) - at(1, -1) - at(-1, 1) + at(-1, -1)) / (4 * h * h)
        acc = [d1(i) for i in range(3)]
        grad = [d2(0, 0), d2(0, 1), d2(0, 2), d2(1, 1), d2(1, 2), d2(2, 2)]
        values = [u0] + acc + grad
        print(','.join([model, str(degree), str(degree), name, repr(x), repr(y), repr(z)] + [mp.nstr(v, 20) for v in values]))
        sys.stdout.flush()
