-- Demo data: a few restaurants with menus and a handful of drivers.
INSERT INTO public.restaurants (id, name, payment_mode) VALUES
    (1, 'Trattoria Roma', 'automatic'),
    (2, 'Sakura Sushi', 'automatic'),
    (3, 'Taco Loco', 'manual'),
    (4, 'The Green Bowl', 'automatic');
SELECT setval(pg_get_serial_sequence('public.restaurants', 'id'), 4);

INSERT INTO public.menu_items (restaurant_id, name, price, available) VALUES
    (1, 'Margherita pizza', 9.50, true),
    (1, 'Spaghetti carbonara', 12.00, true),
    (1, 'Tiramisu', 6.00, true),
    (1, 'Truffle risotto', 18.00, false),
    (2, 'Salmon nigiri (2)', 5.50, true),
    (2, 'California roll', 8.00, true),
    (2, 'Miso soup', 3.00, true),
    (3, 'Tacos al pastor', 7.50, true),
    (3, 'Burrito', 9.00, true),
    (3, 'Guacamole', 4.50, true),
    (4, 'Quinoa bowl', 11.00, true),
    (4, 'Green smoothie', 5.00, true);

INSERT INTO public.drivers (name) VALUES
    ('Ada'), ('Grace'), ('Linus'), ('Margaret'), ('Ken'), ('Barbara');
